// Kiosks' paper alerts on the counter page (/counter/ of the centre) in real
// Chromium: two kiosks beat to a real centre; a kiosk running low on paper
// puts an amber banner on the open counter page, out of paper turns it red,
// a second kiosk out adds a second banner; a counter page opened later
// reads both from GET /api/v1/fleet/alerts; new paper takes the kiosk's
// banner down; the officer hides a banner with "Đã biết / OK" and it comes
// back only when that kiosk's alert gets worse. The call buttons stay
// visible and uncovered at 1280×800 and in portrait.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root, launchBrowser } from './harness.mjs'
import { centreServer, freePort, OFFICER_PIN } from './centre-harness.mjs'

const SHOTS = process.env.SCREENSHOT_DIR ?? join(root, 'docs/screenshots')
mkdirSync(SHOTS, { recursive: true })

const LANDSCAPE = { width: 1280, height: 800 } // a counter monitor or tablet
const PORTRAIT = { width: 800, height: 1280 }
const LAN = 'Nguyễn Thị Lan'
const HUNG = 'Trần Văn Hùng'
const A = 'TANG-1'
const B = 'TANG-2'
const AMBER = 'rgb(251, 191, 36)'
const RED = 'rgb(185, 28, 28)'

let dir, centre, browser, counterTokens, kioskTokens
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counter-alert-e2e-'))
  centre = centreServer(dir, await freePort())
  counterTokens = [centre.enroll('counter', 'QUAY-1'), centre.enroll('counter', 'QUAY-2')]
  kioskTokens = { [A]: centre.enroll('kiosk', A), [B]: centre.enroll('kiosk', B) }
  centre.addOfficer(LAN)
  centre.addOfficer(HUNG)
  await centre.start()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await centre?.stop()
  if (!process.env.KEEP_E2E_DATA && dir) rmSync(dir, { recursive: true, force: true })
})

/** beat sends a kiosk's heartbeat with its printer in the given state. */
async function beat(kiosk, printer) {
  const r = await fetch(`${centre.url}/api/v1/heartbeat`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${kioskTokens[kiosk]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ intervalSeconds: 600, version: 'e2e', printer, reader: 'ok', freeDiskBytes: 10 * 2 ** 30, catalogVersion: 'e2e' }),
  })
  assert.equal(r.status, 204, `beat ${kiosk} ${printer}: HTTP ${r.status} ${await r.text()}`)
}

async function issue(n) {
  for (let i = 0; i < n; i++) {
    const r = await fetch(`${centre.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${kioskTokens[A]}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ service: 'HT' }),
    })
    assert.equal(r.status, 201, `issue: HTTP ${r.status}`)
  }
}

async function openCounter(token, counter, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'vi-VN' })
  const page = await context.newPage()
  page.appErrors = []
  page.on('pageerror', (e) => { console.error('page error:', e.message); page.appErrors.push(e) })
  await page.goto(`${centre.url}/counter/?token=${encodeURIComponent(token)}&counter=${counter}`)
  await page.locator('[data-testid=counter-page][data-phase=signin]').waitFor()
  await page.locator(`[data-testid=pick-counter-${counter}][aria-pressed=true]`).waitFor()
  return page
}

async function signIn(page, name) {
  await page.locator(`[data-testid=pick-officer][data-name="${name}"]`).click()
  for (const d of OFFICER_PIN) await page.getByTestId(`key-${d}`).click()
  await page.getByTestId('signin-submit').click()
  await page.locator('[data-testid=counter-page][data-phase=main]').waitFor()
  await page.locator('[data-testid=link][data-link=ok]').waitFor({ timeout: 15_000 })
}

const banner = (page, kiosk, kind) =>
  page.locator(`[data-testid=paper-alert][data-kiosk="${kiosk}"]${kind ? `[data-kind="${kind}"]` : ''}`)

/** waitBanners waits until the page shows exactly these banners (kiosk → kind), in this order. */
async function waitBanners(page, want) {
  const sel = Object.entries(want).map(([k, kind]) => `[data-kiosk="${k}"][data-kind="${kind}"]`)
  await page.waitForFunction((sel) => {
    const got = [...document.querySelectorAll('[data-testid=paper-alert]')]
    return got.length === sel.length && got.every((el, i) => el.matches(sel[i]))
  }, sel, { timeout: 10_000 })
}

const background = (loc) => loc.evaluate((el) => getComputedStyle(el).backgroundColor)

/** controlsClear checks the main controls are inside the window and nothing lies on top of them. */
async function controlsClear(page, what) {
  const vp = page.viewportSize()
  for (const id of ['call-next', 'recall', 'start', 'finish', 'noshow', 'park', 'transfer', 'pause', 'signout']) {
    const el = page.getByTestId(id)
    const box = await el.boundingBox()
    assert.ok(box, `${what}: ${id} is on the page`)
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height,
      `${what}: ${id} inside the ${vp.width}×${vp.height} window: ${JSON.stringify(box)}`)
    const onTop = await el.evaluate((e) => {
      const r = e.getBoundingClientRect()
      return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2))
    })
    assert.ok(onTop, `${what}: ${id} is not covered`)
  }
}

async function dismissButtonsBig(page) {
  for (const b of await page.getByTestId('paper-alert-ok').all()) {
    const box = await b.boundingBox()
    assert.ok(box.height >= 64 && box.width >= 64, `the OK button is ${box.width}×${box.height}, want ≥ 64 px`)
  }
}

test('paper alerts reach the counter page, go away with new paper, and can be hidden', async () => {
  await issue(3)
  await beat(A, 'ok')
  await beat(B, 'ok')

  const page = await openCounter(counterTokens[0], '1', LANDSCAPE)
  await signIn(page, LAN)
  await page.getByTestId('call-next').click()
  await page.locator('[data-testid=current][data-status=called]').waitFor()
  assert.equal(await page.getByTestId('paper-alert').count(), 0, 'no banner while every printer has paper')

  // A runs low: an amber banner, live from the stream.
  await beat(A, 'paper_near_end')
  await waitBanners(page, { [A]: 'paper_near_end' })
  const a = banner(page, A)
  assert.match(await a.innerText(), /Ki-ốt TANG-1: máy in sắp hết giấy[\s\S]*Kiosk TANG-1: printer paper running low/)
  assert.equal(await background(a), AMBER)
  await dismissButtonsBig(page)
  await controlsClear(page, 'one banner')
  await page.screenshot({ path: join(SHOTS, 'counter-alert-near-end.png') })

  // A runs out: the same banner turns red.
  await beat(A, 'paper_out')
  await waitBanners(page, { [A]: 'paper_out' })
  assert.match(await a.innerText(), /Ki-ốt TANG-1: máy in hết giấy[\s\S]*Kiosk TANG-1: printer out of paper/)
  assert.equal(await background(a), RED)

  // B runs out too: two banners.
  await beat(B, 'paper_out')
  await waitBanners(page, { [A]: 'paper_out', [B]: 'paper_out' })
  assert.equal(await background(banner(page, B)), RED)
  await dismissButtonsBig(page)
  await controlsClear(page, 'two banners, 1280×800')
  await page.screenshot({ path: join(SHOTS, 'counter-alerts-two.png') })

  // The route a page opened later reads: a counter token, no staff PIN.
  const r = await fetch(`${centre.url}/api/v1/fleet/alerts`, { headers: { Authorization: `Bearer ${counterTokens[1]}` } })
  assert.equal(r.status, 200)
  assert.deepEqual((await r.json()).map((x) => `${x.kiosk}:${x.kind}`), [`${A}:paper_out`, `${B}:paper_out`])

  // A counter page opened now (portrait) shows both before and after sign-in.
  const late = await openCounter(counterTokens[1], '2', PORTRAIT)
  await waitBanners(late, { [A]: 'paper_out', [B]: 'paper_out' })
  await signIn(late, HUNG)
  await waitBanners(late, { [A]: 'paper_out', [B]: 'paper_out' })
  await late.getByTestId('call-next').click()
  await late.locator('[data-testid=current][data-status=called]').waitFor()
  await dismissButtonsBig(late)
  await controlsClear(late, 'two banners, portrait')
  await late.screenshot({ path: join(SHOTS, 'counter-alerts-portrait.png') })

  // A's paper is replaced: its banner goes on both pages, B's stays.
  await beat(A, 'ok')
  await banner(page, A).waitFor({ state: 'detached' })
  await banner(late, A).waitFor({ state: 'detached' })
  await waitBanners(page, { [B]: 'paper_out' })
  await waitBanners(late, { [B]: 'paper_out' })

  // The officer hides B's banner on the first page only.
  await page.locator(`[data-testid=paper-alert][data-kiosk="${B}"] [data-testid=paper-alert-ok]`).click()
  await page.getByTestId('paper-alerts').waitFor({ state: 'detached' })
  await waitBanners(late, { [B]: 'paper_out' })
  await controlsClear(page, 'banners hidden')
  await page.screenshot({ path: join(SHOTS, 'counter-alert-dismissed.png') })

  // B's paper gets better but not fixed: still hidden; worse again: shown.
  await beat(B, 'paper_near_end')
  await waitBanners(late, { [B]: 'paper_near_end' })
  assert.equal(await page.getByTestId('paper-alert').count(), 0, 'a better alert stays hidden')
  await beat(B, 'paper_out')
  await waitBanners(page, { [B]: 'paper_out' })

  // A runs low again after its new roll: a new banner.
  await beat(A, 'paper_near_end')
  await waitBanners(page, { [B]: 'paper_out', [A]: 'paper_near_end' })

  for (const p of [page, late]) assert.deepEqual(p.appErrors, [])
  await page.context().close()
  await late.context().close()
  console.log('screenshots in', SHOTS)
})
