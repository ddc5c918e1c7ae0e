// The kiosk as a client of the centre server: numbers come from
// build/bin/motcua-centre, the ticket prints on the kiosk's (emulated)
// printer, a counter calls it with kioskctl; with the centre stopped the
// number and payment tiles say they are paused while search goes on, and
// with the centre back the next number follows without duplicate or gap.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { root, startKiosk, launchBrowser, openKiosk, startSession, assertNoAppErrors, typeKeys } from './harness.mjs'

const CENTRE_BIN = join(root, 'build/bin/motcua-centre')
const KIOSKCTL = join(root, 'build/bin/kioskctl')
const OUT = process.env.E2E_OUT ?? mkdtempSync(join(tmpdir(), 'centre-e2e-out-'))
mkdirSync(OUT, { recursive: true })

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
  })
}

async function healthy(url) {
  try {
    const r = await fetch(url + '/healthz', { signal: AbortSignal.timeout(1000) })
    return r.ok && (await r.json()).ok
  } catch {
    return false
  }
}

/** centreServer runs motcua-centre serve on a fixed port over one SQLite file. */
function centreServer(dir, port) {
  const db = join(dir, 'centre.db')
  const url = `http://127.0.0.1:${port}`
  const logPath = join(dir, 'centre.log')
  let proc = null
  let exited = null
  return {
    url,
    db,
    enroll: (kind, name) => execFileSync(CENTRE_BIN, ['enroll', '--db', db, kind, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(),
    async start() {
      exited = null
      proc = spawn(CENTRE_BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', openSync(logPath, 'a'), openSync(logPath, 'a')] })
      proc.on('exit', (code, sig) => (exited = { code, sig }))
      const deadline = Date.now() + 30_000
      while (!(await healthy(url))) {
        if (exited) throw new Error(`centre exited (${JSON.stringify(exited)}):\n${readFileSync(logPath, 'utf8')}`)
        if (Date.now() > deadline) throw new Error('centre did not answer /healthz in 30 s:\n' + readFileSync(logPath, 'utf8'))
        await sleep(100)
      }
    },
    async stop() {
      if (!proc || exited) return
      proc.kill('SIGTERM')
      const until = Date.now() + 10_000
      while (!exited && Date.now() < until) await sleep(50)
      if (!exited) proc.kill('SIGKILL')
      while (!exited) await sleep(50)
    },
  }
}

let dir, centre, kiosk, browser, counterToken
const OFFICER = 'Cán bộ E2E'
const OFFICER_PIN = '975310'
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'centre-e2e-'))
  centre = centreServer(dir, await freePort())
  const kioskToken = centre.enroll('kiosk', 'KIOSK-01')
  counterToken = centre.enroll('counter', 'QUAY-1')
  // Counter calls are made by a signed-in officer (PIN from the environment, never a flag).
  execFileSync(CENTRE_BIN, ['officer', 'add', '--db', centre.db, OFFICER], { env: { ...process.env, MOTCUA_OFFICER_PIN: OFFICER_PIN }, stdio: ['ignore', 'pipe', 'pipe'] })
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
