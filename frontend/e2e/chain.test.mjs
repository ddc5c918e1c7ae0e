// The whole chain in real Chromium against a running centre (issue 13):
// a kiosk issues a ticket; the officer calls it and the hall display shows
// it within a second and announces it; a recall announces it again; the
// finish opens the counter's rating tablet within a second; the citizen
// gives 2 stars with a reason and a comment; the reports page, unlocked
// with the staff PIN, shows the officer's served ticket and low rating,
// and its CSV holds the rating.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root, LANDSCAPE, launchBrowser, AUTOPLAY } from './harness.mjs'
import { centreServer, freePort, KIOSKCTL, CENTRE_BIN, signIn } from './centre-harness.mjs'

const SHOTS = process.env.SCREENSHOT_DIR ?? join(root, 'docs/screenshots')
mkdirSync(SHOTS, { recursive: true })

const STAFF_PIN = '246813'
const OFFICER = 'Nguyễn Thị Lan'
const TABLET = { width: 1280, height: 800 }
const DESK = { width: 1440, height: 900 }

let dir, centre, browser, kioskToken, counterToken, hallToken, tabletToken
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chain-e2e-'))
  centre = centreServer(dir, await freePort())
  kioskToken = centre.enroll('kiosk', 'KIOSK-01')
  counterToken = centre.enroll('counter', 'QUAY-1')
  hallToken = centre.enroll('display', 'TV-SANH-1')
  tabletToken = centre.enroll('display', 'DANH-GIA-QUAY-1')
  centre.addOfficer(OFFICER)
  execFileSync(CENTRE_BIN, ['pin', 'set', '--db', centre.db, 'staff'], { input: STAFF_PIN + '\n', encoding: 'utf8' })
  await centre.start()
  browser = await launchBrowser(AUTOPLAY)
})
after(async () => {
  await browser?.close()
  await centre?.stop()
  if (!process.env.KEEP_E2E_DATA && dir) rmSync(dir, { recursive: true, force: true })
})

async function openPage(path, viewport, more = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'vi-VN', acceptDownloads: true, ...more })
  const page = await context.newPage()
  page.appErrors = []
  page.on('pageerror', (e) => { console.error('page error:', e.message); page.appErrors.push(e) })
  await page.goto(`${centre.url}${path}`)
  return page
}

/** when resolves, in the page, with Date.now() once selector matches. */
function when(page, selector) {
  return page.evaluate((sel) => new Promise((resolve) => {
    if (document.querySelector(sel)) return resolve(Date.now())
    const mo = new MutationObserver(() => {
      if (document.querySelector(sel)) { mo.disconnect(); resolve(Date.now()) }
    })
    mo.observe(document.body, { subtree: true, childList: true, attributes: true })
    setTimeout(() => { mo.disconnect(); resolve(Infinity) }, 15_000)
  }), selector)
}

let session
async function act(path) {
  session ??= await signIn(centre.url, counterToken, '1', OFFICER)
  const r = await fetch(`${centre.url}/api/v1/counters/1${path}`, { method: 'POST', headers: { Authorization: `Bearer ${counterToken}`, 'Content-Type': 'application/json', ...session }, body: '{}' })
  const at = Date.now()
  assert.equal(r.status, 200, `POST ${path}: ${r.status}`)
  return { body: await r.json(), at }
}

test('issue → call → display and voice → recall → finish → rating → report and CSV', async () => {
  // The hall TV and the counter's rating tablet, paired with their tokens.
  const hall = await openPage(`/display/?token=${encodeURIComponent(hallToken)}`, LANDSCAPE)
  await hall.locator('[data-testid=link][data-link=ok]').waitFor({ timeout: 15_000 })
  await hall.locator('[data-testid=counter-1]').waitFor()
  const voice = []
  hall.on('request', (r) => { if (r.url().includes('/api/v1/voice/call.wav')) voice.push(new URL(r.url()).searchParams.get('ticket')) })

  const tablet = await openPage(`/rating/?token=${encodeURIComponent(tabletToken)}&counter=1`, TABLET)
  assert.equal(tablet.url(), `${centre.url}/rating/?counter=1`, 'the token is gone, the counter stays')
  await tablet.locator('[data-testid=rating][data-counter="1"] [data-testid=link][data-link=ok]').waitFor({ timeout: 15_000 })
  await tablet.getByTestId('idle').waitFor()
  assert.match(await tablet.getByTestId('idle').innerText(), /Cảm ơn quý khách[\s\S]*Quầy 1/)

  // The kiosk issues a ticket.
  const out = execFileSync(KIOSKCTL, ['ticket', 'issue', '--centre', centre.url, '--token', kioskToken, '--service', 'HT', '--json'], { encoding: 'utf8' })
  const code = JSON.parse(out).code
  assert.equal(code, 'A-0001')

  // Call next: the display shows it within 1 s of the answer and says it.
  let shown = when(hall, `[data-testid=counter-1][data-ticket="${code}"]`)
  await hall.waitForTimeout(50)
  const { body: call, at } = await act('/next')
  assert.equal(call.ticket.code, code)
  const id = call.ticket.id
  const lag = (await shown) - at
  console.log(`call ${code}: shown ${lag} ms after the answer`)
  assert.ok(lag <= 1000, `shown ${lag} ms after the call (≤ 1000)`)
  await hall.waitForFunction(() => window.__announced.length >= 1 && window.__announced[0].endedAt, null, { timeout: 30_000, polling: 200 })

  // Recall: announced again, after the first.
  const { at: rAt } = await act(`/tickets/${id}/recall`)
  await hall.waitForFunction(() => window.__announced.length >= 2 && window.__announced[1].endedAt, null, { timeout: 30_000, polling: 200 })
  const said = await hall.evaluate(() => window.__announced.map((a) => ({ ...a })))
  assert.deepEqual(said.map((a) => `${a.ticket}@${a.counter}`), [`${code}@1`, `${code}@1`])
  assert.ok(said[1].startedAt >= said[0].endedAt, 'the recall plays after the call')
  assert.ok(said.every((a) => a.endedAt - a.startedAt > 1000), `each announcement plays (${said.map((a) => a.endedAt - a.startedAt)} ms)`)
  assert.ok(said[1].startedAt >= rAt - 50, 'the second announcement is the recall')
  assert.deepEqual(voice.slice(0, 2), [code, code], 'the audio was asked of the centre for the call and the recall')
  assert.equal(await hall.getByTestId('latest').getAttribute('data-ticket'), code)

  // Start and finish: the rating tablet opens within 1 s.
  await act(`/tickets/${id}/start`)
  const opened = when(tablet, `[data-testid=ask][data-ticket="${code}"]`)
  await tablet.waitForTimeout(50)
  const { at: fAt } = await act(`/tickets/${id}/finish`)
  const oLag = (await opened) - fAt
  console.log(`finish ${code}: rating open ${oLag} ms after the answer`)
  assert.ok(oLag <= 1000, `rating opened ${oLag} ms after the finish (≤ 1000)`)
  for (let n = 1; n <= 5; n++) {
    const b = await tablet.getByTestId(`star-${n}`).boundingBox()
    assert.ok(b.width >= 96 && b.height >= 96, `face ${n} is ${b.width}×${b.height} (≥ 96 px)`)
  }
  await tablet.screenshot({ path: join(SHOTS, 'rating-open.png') })

  // Two stars: reasons and a comment, then send.
  await tablet.getByTestId('star-2').click()
  await tablet.getByTestId('reasons').waitFor()
  assert.equal(await tablet.getByTestId('thanks').count(), 0, 'two stars do not send at once')
  await tablet.getByTestId('reason-wait').click()
  assert.equal(await tablet.getByTestId('reason-wait').getAttribute('aria-pressed'), 'true')
  await tablet.getByTestId('comment').fill('Chờ hơi lâu, cần thêm ghế ngồi')
  await tablet.screenshot({ path: join(SHOTS, 'rating-reasons.png') })
  await tablet.getByTestId('send').click()
  await tablet.getByTestId('thanks').waitFor({ timeout: 5000 })

  // The same ticket cannot be rated twice (the centre says so).
  const again = await tablet.evaluate(async (id) => (await fetch('/api/v1/ratings', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ticket: id, stars: 5 }) })).status, id)
  assert.equal(again, 409)

  // The reports page: the staff PIN, then the officer's row. The desk PC's
  // clock is put in a time zone whose date is not the centre's business day
  // (one of UTC−12 and UTC+14 always is not): "today" is the centre's day.
  const centreDay = (await (await fetch(`${centre.url}/api/v1/reports?format=json`, { headers: { Authorization: `Bearer ${counterToken}`, 'X-Staff-PIN': STAFF_PIN } })).json()).today
  assert.match(centreDay, /^\d{4}-\d{2}-\d{2}$/)
  const zoneDay = (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  const timezoneId = ['Etc/GMT+12', 'Pacific/Kiritimati'].find((z) => zoneDay(z) !== centreDay)
  const reports = await openPage(`/reports/?token=${encodeURIComponent(counterToken)}`, DESK, { timezoneId })
  await reports.getByTestId('pin-pad').waitFor()
  for (const d of '111111') await reports.getByTestId(`pin-${d}`).click()
  await reports.getByTestId('pin-ok').click()
  await reports.getByTestId('pin-wrong').waitFor()
  for (const d of STAFF_PIN) await reports.getByTestId(`pin-${d}`).click()
  await reports.getByTestId('pin-ok').click()
  await reports.getByTestId('reports').waitFor()
  assert.equal(await reports.getByTestId('to').inputValue(), centreDay, `the period ends on the centre's day, not the desk's (${timezoneId})`)
  const row = reports.locator(`[data-testid="row-officer-${OFFICER}"]`)
  await row.waitFor()
  assert.equal(await row.getAttribute('data-served'), '1')
  assert.equal(await row.getAttribute('data-ratings'), '1')
  assert.equal(await row.getAttribute('data-low'), '1')
  assert.match(await reports.getByTestId('reasons').innerText(), /Chờ lâu[\s\S]*1/)
  await reports.getByTestId('chart-officer-stars').locator('canvas').waitFor()
  assert.equal(await reports.evaluate(() => document.cookie), '', 'no PIN or token in cookies the page can read')
  assert.equal(await reports.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })), '{}{}', 'the PIN is kept in memory only')

  // The CSV, saved from the page.
  const [download] = await Promise.all([reports.waitForEvent('download'), reports.getByTestId('csv').click()])
  assert.match(download.suggestedFilename(), /^bao-cao-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '')
  const line = csv.split(/\r?\n/).find((l) => l.startsWith('Cán bộ,') && l.includes(OFFICER))
  assert.ok(line, `the CSV has the officer's row:\n${csv}`)
  const cells = line.split(',')
  // … served, …, ratings, mean stars, rated ≤3 (report.Columns)
  assert.equal(cells[5], '1', 'served')
  assert.deepEqual(cells.slice(-3), ['1', '2.0', '1'], 'one rating of 2 stars, low')
  const [xlsx] = await Promise.all([reports.waitForEvent('download'), reports.getByTestId('xlsx').click()])
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/)
  assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file')

  await reports.setViewportSize({ width: 1440, height: 2300 })
  await reports.waitForTimeout(400)
  await reports.screenshot({ path: join(SHOTS, 'reports.png') })

  // The thank-you goes back to idle.
  await tablet.getByTestId('idle').waitFor({ timeout: 10_000 })

  // A no-show does not open the tablet; a second finish replaces an open rating.
  const issue = () => JSON.parse(execFileSync(KIOSKCTL, ['ticket', 'issue', '--centre', centre.url, '--token', kioskToken, '--service', 'HT', '--json'], { encoding: 'utf8' })).code
  const [b, c, d] = [issue(), issue(), issue()]
  const tb = (await act('/next')).body.ticket
  assert.equal(tb.code, b)
  await act(`/tickets/${tb.id}/noshow`)
  const tc = (await act('/next')).body.ticket
  assert.equal(tc.code, c)
  await act(`/tickets/${tc.id}/start`)
  await act(`/tickets/${tc.id}/finish`)
  await tablet.locator(`[data-testid=ask][data-ticket="${c}"]`).waitFor({ timeout: 2000 })
  await tablet.getByTestId('star-1').click()
  await tablet.getByTestId('reasons').waitFor()
  const td = (await act('/next')).body.ticket
  assert.equal(td.code, d)
  await act(`/tickets/${td.id}/start`)
  await act(`/tickets/${td.id}/finish`)
  await tablet.locator(`[data-testid=ask][data-ticket="${d}"]`).waitFor({ timeout: 2000 })
  assert.equal(await tablet.getByTestId('reasons').count(), 0, 'the new rating starts afresh')
  await tablet.getByTestId('star-5').click() // 4–5 send at once
  await tablet.getByTestId('thanks').waitFor({ timeout: 5000 })

  // Left untouched, an open rating closes after 30 s.
  const e = issue()
  const te = (await act('/next')).body.ticket
  assert.equal(te.code, e)
  await act(`/tickets/${te.id}/start`)
  await act(`/tickets/${te.id}/finish`)
  await tablet.locator(`[data-testid=ask][data-ticket="${e}"]`).waitFor({ timeout: 2000 })
  const openedAt = Date.now()
  await tablet.getByTestId('idle').waitFor({ timeout: 35_000 })
  const closedAfter = Date.now() - openedAt
  assert.ok(closedAfter >= 29_000 && closedAfter <= 32_000, `closed after ${closedAfter} ms (30 s)`)
  for (const p of [hall, tablet, reports]) assert.equal(p.appErrors.length, 0, 'no uncaught page errors')
  console.log('screenshots in', SHOTS)
})
