// The kiosk as a client of the centre server: numbers come from
// build/bin/motcua-centre, the ticket prints on the kiosk's (emulated)
// printer, a counter calls it with kioskctl; with the centre stopped the
// number and payment tiles say they are paused while search goes on, and
// with the centre back the next number follows without duplicate or gap.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { centreServer, freePort, KIOSKCTL, OFFICER_PIN } from './centre-harness.mjs'
import { startKiosk, launchBrowser, openKiosk, startSession, assertNoAppErrors, typeKeys } from './harness.mjs'

const OUT = process.env.E2E_OUT ?? mkdtempSync(join(tmpdir(), 'centre-e2e-out-'))
mkdirSync(OUT, { recursive: true })

let dir, centre, kiosk, browser, counterToken
const OFFICER = 'Cán bộ E2E'
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'centre-e2e-'))
  centre = centreServer(dir, await freePort())
  const kioskToken = centre.enroll('kiosk', 'KIOSK-01')
  counterToken = centre.enroll('counter', 'QUAY-1')
  // Counter calls are made by a signed-in officer (PIN from the environment, never a flag).
  centre.addOfficer(OFFICER)
  assert.match(kioskToken, /^\S{16,}$/)
  await centre.start()
  kiosk = await startKiosk({ toml: `[centre]\nurl = "${centre.url}"\ntoken = "${kioskToken}"\n` })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await kiosk?.stop()
  await centre?.stop()
  if (!process.env.KEEP_E2E_DATA && dir) rmSync(dir, { recursive: true, force: true })
})

const sim = (page, method, ...args) => page.evaluate(([m, a]) => window.go.uiapi.Sim[m](...a), [method, args])

/** homeWith opens a fresh page on the home tiles with the queue tile paused or not. */
async function homeWith(paused) {
  const page = await openKiosk(browser)
  await startSession(page)
  await page.locator(`[data-testid=tile-queue][data-paused="${paused}"]`).waitFor({ timeout: 30_000 })
  return page
}

async function takeNumber(page) {
  await page.getByTestId('tile-queue').click()
  await page.getByTestId('service-HT').click()
  await page.getByTestId('priority-none').click()
  await page.getByTestId('ticket-result').waitFor()
  await page.getByTestId('ticket-printed').waitFor()
  return page.getByTestId('ticket-number').innerText()
}

async function printedQR(page, count) {
  for (let i = 0; i < 100; i++) {
    const jobs = await sim(page, 'PrinterJobs')
    if (jobs.length >= count) return jobs[count - 1].qrs[0]
    await page.waitForTimeout(100)
  }
  throw new Error(`the emulator never printed job ${count}`)
}

function counterNext() {
  const out = execFileSync(KIOSKCTL, ['counter', 'next', '--centre', centre.url, '--token', counterToken, '--counter', '1', '--officer', OFFICER, '--json'],
    { encoding: 'utf8', env: { ...process.env, MOTCUA_OFFICER_PIN: OFFICER_PIN } })
  return JSON.parse(out)
}

test('a number from the centre prints here and a counter calls it; centre down pauses numbers and payments, not search; back → the next number', async () => {
  // 1. Connected: the centre issues, the kiosk prints, the counter calls.
  let page = await homeWith(false)
  assert.equal(await page.getByTestId('centre-paused').count(), 0)
  const first = await takeNumber(page)
  assert.match(first, /^A-\d{4}$/)
  assert.ok((await printedQR(page, 1)).endsWith('-' + first.slice(2)), 'the printed QR carries the number')
  assert.equal(counterNext().code, first, 'kioskctl counter next calls the number the kiosk printed')
  assertNoAppErrors(page)
  await page.context().close()

  // 2. The centre stops: the two tiles say they are paused, search goes on.
  await centre.stop()
  page = await homeWith(true)
  await page.getByTestId('centre-paused').waitFor()
  assert.match(await page.getByTestId('centre-paused').innerText(), /chưa kết nối được với hệ thống của trung tâm/)
  assert.equal(await page.getByTestId('tile-pay').getAttribute('data-paused'), 'true')
  assert.match(await page.getByTestId('tile-queue-paused').innerText(), /Tạm dừng/)
  await page.screenshot({ path: join(OUT, 'centre-paused-home.png') })
  await page.getByTestId('tile-queue').click()
  await page.getByTestId('centre-paused-queue').waitFor()
  assert.ok(await page.getByTestId('service-HT').isDisabled().catch(() => true), 'no service can be chosen while paused')
  await page.context().close()
  page = await openKiosk(browser)
  await startSession(page)
  await page.getByTestId('tile-search').click()
  await typeKeys(page, 'ly lich')
  await page.getByTestId('result').first().filter({ hasText: 'lý lịch tư pháp' }).waitFor()
  await page.context().close()

  // 3. The centre is back (same store): on the page already open, the tiles
  // come back live (centre:link), and the next number follows.
  page = await homeWith(true)
  await centre.start()
  await page.locator('[data-testid=tile-queue][data-paused="false"]').waitFor({ timeout: 30_000 })
  await page.getByTestId('centre-paused').waitFor({ state: 'detached' })
  await page.screenshot({ path: join(OUT, 'centre-recovered-home.png') })
  const second = await takeNumber(page)
  assert.equal(second, 'A-' + String(Number(first.slice(2)) + 1).padStart(4, '0'), `next number after ${first}, no duplicate, no gap`)
  assert.ok((await printedQR(page, 2)).endsWith('-' + second.slice(2)))
  assertNoAppErrors(page)
  await page.context().close()
  console.log('screenshots in', OUT)
})
