// The hall display (/display/ of the centre): paired once with ?token=,
// two TVs (landscape and portrait) show each call within a second of the
// counter's answer, announce the calls in the same order without overlap,
// and say when the link to the centre is lost and back.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root, PORTRAIT, LANDSCAPE, launchBrowser, AUTOPLAY } from './harness.mjs'
import { centreServer, freePort, KIOSKCTL, signIn } from './centre-harness.mjs'

const SHOTS = process.env.SCREENSHOT_DIR ?? join(root, 'docs/screenshots')
mkdirSync(SHOTS, { recursive: true })

let dir, centre, browser, kioskToken, counterToken, displays
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'display-e2e-'))
  centre = centreServer(dir, await freePort())
  displays = [centre.enroll('display', 'TV-SANH-1'), centre.enroll('display', 'TV-SANH-2')]
  kioskToken = centre.enroll('kiosk', 'KIOSK-01')
  counterToken = centre.enroll('counter', 'QUAY-1')
  for (const n of ['1', '2', '3', '4', '5']) centre.addOfficer(`Cán bộ ${n}`)
  await centre.start()
  browser = await launchBrowser(AUTOPLAY)
})
after(async () => {
  await browser?.close()
  await centre?.stop()
  if (!process.env.KEEP_E2E_DATA && dir) rmSync(dir, { recursive: true, force: true })
})

function issue(service) {
  const out = execFileSync(KIOSKCTL, ['ticket', 'issue', '--centre', centre.url, '--token', kioskToken, '--service', service, '--json'], { encoding: 'utf8' })
  return JSON.parse(out).code
}

/** openDisplay pairs a TV with its token and waits for the hall, linked. */
async function openDisplay(token, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'vi-VN' })
  const page = await context.newPage()
  page.appErrors = []
  page.on('pageerror', (e) => { console.error('page error:', e.message); page.appErrors.push(e) })
  await page.goto(`${centre.url}/display/?token=${encodeURIComponent(token)}`)
  await page.getByTestId('hall').waitFor()
  assert.equal(page.url(), `${centre.url}/display/`, 'the token is gone from the address')
  const cookies = await context.cookies()
  const ck = cookies.find((c) => c.name === 'motcua_device')
  assert.ok(ck, 'the device cookie is set')
  assert.equal(ck.httpOnly, true)
  assert.equal(ck.sameSite, 'Strict')
  assert.equal(ck.path, '/')
  assert.equal(await page.evaluate(() => document.cookie), '', 'the page script cannot read the token')
  await page.locator('[data-testid=link][data-link=ok]').waitFor({ timeout: 15_000 })
  await page.locator('[data-testid=counter-1]').waitFor()
  return page
}

/** shown resolves, in the page, with Date.now() when the counter card shows the ticket. */
function whenShown(page, counter, ticket) {
  return page.evaluate(([counter, ticket]) => new Promise((resolve) => {
    const sel = `[data-testid=counter-${counter}][data-ticket="${ticket}"]`
    if (document.querySelector(sel)) return resolve(Date.now())
    const mo = new MutationObserver(() => {
      if (document.querySelector(sel)) { mo.disconnect(); resolve(Date.now()) }
    })
    mo.observe(document.body, { subtree: true, childList: true, attributes: true })
    setTimeout(() => { mo.disconnect(); resolve(Infinity) }, 15_000)
  }), [counter, ticket])
}

/** callNext calls at a counter through the centre's route, returning the call and when the answer came. */
const sessions = {}
async function callNext(counter) {
  sessions[counter] ??= await signIn(centre.url, counterToken, counter, `Cán bộ ${counter}`)
  const r = await fetch(`${centre.url}/api/v1/counters/${counter}/next`, { method: 'POST', headers: { Authorization: `Bearer ${counterToken}`, ...sessions[counter] } })
  const at = Date.now()
  assert.equal(r.status, 200, `call at counter ${counter}`)
  return { call: await r.json(), at }
}

/** callAndTime calls at a counter and checks every page shows it within 1 s of the answer. */
async function callAndTime(pages, counter, ticket) {
  const shown = pages.map((p) => whenShown(p, counter, ticket))
  await new Promise((r) => setTimeout(r, 50)) // the observers are in place
  const { call, at } = await callNext(counter)
  assert.equal(call.ticket.code, ticket)
  const times = await Promise.all(shown)
  for (const [i, t] of times.entries()) {
    assert.ok(t - at <= 1000, `display ${i + 1} showed ${ticket} at counter ${counter} ${t - at} ms after the answer (≤ 1000)`)
  }
  return times.map((t) => t - at)
}

const announced = (page) => page.evaluate(() => window.__announced.map((a) => ({ ...a })))

async function waitAnnounced(page, n, timeout = 60_000) {
  await page.waitForFunction((n) => window.__announced.length >= n && window.__announced.slice(0, n).every((a) => a.endedAt), n, { timeout, polling: 200 })
  return announced(page)
}

function assertSequential(list, name) {
  for (let i = 1; i < list.length; i++) {
    assert.ok(list[i].startedAt >= list[i - 1].endedAt,
      `${name}: announcement ${i + 1} (${list[i].ticket}) started at ${list[i].startedAt}, before ${list[i - 1].ticket} ended at ${list[i - 1].endedAt}`)
  }
}

test('two hall displays show and announce the calls, in order, and say when the centre is gone and back', async () => {
  const landscape = await openDisplay(displays[0], LANDSCAPE)
  const portrait = await openDisplay(displays[1], PORTRAIT)
  const pages = [landscape, portrait]
  for (const p of pages) {
    assert.equal(await p.getByTestId('autoplay-banner').count(), 0)
    assert.match(await p.getByTestId('estwait-HT').innerText(), /^—/)
  }

  // Three tickets from the kiosk, called at three counters.
  const tickets = [issue('HT'), issue('CT'), issue('HT')]
  assert.deepEqual(tickets, ['A-0001', 'B-0001', 'A-0002'])
  const plan = [['1', 'A-0001'], ['3', 'B-0001'], ['2', 'A-0002']]
  for (const [counter, ticket] of plan) {
    const lag = await callAndTime(pages, counter, ticket)
    console.log(`call ${ticket} → counter ${counter}: shown after ${lag.join(' / ')} ms`)
  }
  for (const p of pages) {
    assert.equal(await p.getByTestId('latest').getAttribute('data-ticket'), 'A-0002')
    assert.equal(await p.getByTestId('latest').getAttribute('data-counter'), '2')
  }

  // Both TVs say the three calls, in call order, one after the other.
  const said = []
  for (const [i, p] of pages.entries()) {
    const list = (await waitAnnounced(p, 3)).slice(0, 3)
    assert.deepEqual(list.map((a) => `${a.ticket}@${a.counter}`), plan.map(([c, t]) => `${t}@${c}`), `display ${i + 1} order`)
    assertSequential(list, `display ${i + 1}`)
    assert.ok(list.every((a) => a.endedAt - a.startedAt > 2000), `display ${i + 1}: each call plays to its end (${list.map((a) => a.endedAt - a.startedAt)} ms)`)
    said.push(list)
  }
  assert.equal(await landscape.locator('audio').count(), 0, 'no audio element left after the queue')
  for (const sv of ['HT', 'HT', 'CT', 'XH', 'TP', 'HT']) issue(sv) // people waiting, for the screenshots
  for (const p of pages) await p.locator('[data-testid=service-HT][data-waiting="3"]').waitFor()
  await landscape.waitForTimeout(3500) // the flash is over
  await landscape.screenshot({ path: join(SHOTS, 'display-landscape.png') })
  await portrait.screenshot({ path: join(SHOTS, 'display-portrait.png') })

  // The centre restarts: the indicator leaves green, then comes back.
  await centre.stop()
  for (const p of pages) {
    await p.locator('[data-testid=link]:not([data-link=ok])').waitFor({ timeout: 10_000 })
    await p.getByTestId('stale').waitFor()
  }
  await landscape.screenshot({ path: join(dir, 'display-stale.png') })
  await centre.start()
  for (const p of pages) {
    await p.locator('[data-testid=link][data-link=ok]').waitFor({ timeout: 30_000 })
    await p.getByTestId('stale').waitFor({ state: 'detached' })
    assert.equal(await p.locator('[data-testid=counter-3]').getAttribute('data-ticket'), 'B-0001', 'the hall is read back after the restart')
  }
  const next = issue('DD')
  const lag = await callAndTime(pages, '4', next)
  console.log(`call ${next} after the restart: shown after ${lag.join(' / ')} ms`)
  for (const [i, p] of pages.entries()) {
    const list = await waitAnnounced(p, 4)
    assert.equal(list.length, 4, `display ${i + 1}: nothing replayed is announced twice`)
    assert.equal(`${list[3].ticket}@${list[3].counter}`, `${next}@4`)
    assertSequential(list, `display ${i + 1}`)
    assert.equal(p.appErrors.length, 0, 'no uncaught page errors')
  }
  assert.doesNotMatch(centre.log(), new RegExp(displays.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')), 'no token in the centre log')
  console.log('screenshots in', SHOTS)
})

test('a page without its token explains how to pair; a blocked autoplay shows the banner and plays after a tap', async () => {
  const context = await browser.newContext({ viewport: LANDSCAPE })
  const page = await context.newPage()
  const r = await page.goto(`${centre.url}/display/`)
  assert.equal(r.status(), 401)
  assert.match(await page.getByTestId('pairing').innerText(), /motcua-centre enroll --db … display/)
  await context.close()

  // A browser that refuses play() until a tap: headless Chromium plays
  // without a gesture whatever --autoplay-policy says, so the page gets the
  // refusal a kiosk-mode Chromium without the flag gives (NotAllowedError
  // until the page is tapped).
  const ctx = await browser.newContext({ viewport: LANDSCAPE })
  await ctx.addInitScript(() => {
    const play = HTMLMediaElement.prototype.play
    let tapped = false
    addEventListener('pointerdown', () => (tapped = true), true)
    HTMLMediaElement.prototype.play = function () {
      if (!tapped) return Promise.reject(new DOMException('play() can only be initiated by a user gesture', 'NotAllowedError'))
      return play.call(this)
    }
  })
  try {
    const p = await ctx.newPage()
    await p.goto(`${centre.url}/display/?token=${encodeURIComponent(displays[0])}`)
    await p.locator('[data-testid=link][data-link=ok]').waitFor({ timeout: 15_000 })
    const ticket = issue('KD')
    await callNext('5')
    await p.getByTestId('autoplay-banner').waitFor({ timeout: 10_000 })
    assert.match(await p.getByTestId('autoplay-banner').innerText(), /Trình duyệt chặn âm thanh — chạm vào màn hình một lần/)
    assert.equal(await p.evaluate(() => window.__announced.length), 0)
    await p.mouse.click(500, 500)
    await p.getByTestId('autoplay-banner').waitFor({ state: 'detached' })
    await p.waitForFunction((t) => window.__announced.some((a) => a.ticket === t), ticket, { timeout: 10_000 })
  } finally {
    await ctx.close()
  }
})
