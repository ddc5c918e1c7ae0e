import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startKiosk, launchBrowser, openKiosk, assertNoAppErrors } from './harness.mjs'

// A store path under a regular file: the data dir cannot be created. The
// kiosk must not crash; it shows the out-of-service screen with details.
test('unwritable data dir shows a clear out-of-service screen', async () => {
  const blocker = join(mkdtempSync(join(tmpdir(), 'kiosk-fault-')), 'not-a-dir')
  writeFileSync(blocker, 'x')
  const kiosk = await startKiosk({ toml: `[store]\npath = "${join(blocker, 'kiosk.db')}"\n` })
  const browser = await launchBrowser()
  try {
    const page = await openKiosk(browser)
    await page.getByTestId('fault').waitFor()
    assert.match(await page.getByTestId('fault').innerText(), /Máy tạm ngừng phục vụ/)
    assert.match(await page.getByTestId('fault-detail').first().textContent(), /not writable/)
    assert.match(kiosk.log(), /store unavailable/)
    assertNoAppErrors(page)
  } finally {
    await browser.close()
    await kiosk.stop()
  }
})

test('an invalid config file is reported, the kiosk still starts', async () => {
  const kiosk = await startKiosk({ toml: '[session]\nidle_seconds = 1\n' })
  const browser = await launchBrowser()
  try {
    const page = await openKiosk(browser)
    await page.getByTestId('fault').waitFor()
    assert.match(await page.getByTestId('fault-detail').first().textContent(), /session\.idle_seconds: must be between 10 and 3600, got 1/)
    assert.match(await page.getByTestId('fault').innerText(), /Vui lòng liên hệ cán bộ/)
  } finally {
    await browser.close()
    await kiosk.stop()
  }
})
