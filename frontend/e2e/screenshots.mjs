// Saves a PNG of every screen in both orientations, from the real app under
// Xvfb: `make screenshots` → docs/screenshots/.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { startKiosk, launchBrowser, openKiosk, startSession, PORTRAIT, LANDSCAPE, root } from './harness.mjs'
import { screens } from './screens.mjs'

// SCREENS=home,ticket saves only those.
const only = process.env.SCREENS?.split(',')
const out = process.env.SCREENSHOT_DIR ?? join(root, 'docs/screenshots')
mkdirSync(out, { recursive: true })
const kiosk = await startKiosk({ toml: '[session]\nidle_seconds = 600\ncountdown_seconds = 30\n' })
const browser = await launchBrowser()
try {
  for (const [orient, vp] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
    for (const s of only ? screens.filter((x) => only.includes(x.name)) : screens) {
      const page = await openKiosk(browser, vp)
      if (s.name !== 'attract') await startSession(page)
      await s.show(page)
      await page.waitForTimeout(300)
      const file = join(out, `${s.name}-${orient}.png`)
      await page.screenshot({ path: file })
      console.log('saved', file)
      if (s.name !== 'attract') await page.evaluate(() => window.go.uiapi.API.EndSession())
      await page.context().close()
    }
  }
} finally {
  await browser.close()
  await kiosk.stop()
}
