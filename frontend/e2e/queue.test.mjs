import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, statSync } from 'node:fs'
import { startKiosk, launchBrowser, openKiosk, startSession, assertNoAppErrors } from './harness.mjs'

let kiosk, browser
before(async () => { kiosk = await startKiosk(); browser = await launchBrowser() })
after(async () => { await browser?.close(); await kiosk?.stop() })

const sim = (page, method, ...args) => page.evaluate(([m, a]) => window.go.uiapi.Sim[m](...a), [method, args])

test('tap a service → ticket screen → the emulator printed the same number', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  await page.getByTestId('tile-queue').click()
  await page.getByTestId('service-HT').click()
  await page.getByTestId('priority-none').click()
  await page.getByTestId('ticket-result').waitFor()
  const code = await page.getByTestId('ticket-number').innerText()
  assert.match(code, /^A-\d{4}$/)
  await page.getByTestId('ticket-printed').waitFor()
  let jobs = []
  for (let i = 0; i < 50 && !jobs.length; i++) { jobs = await sim(page, 'PrinterJobs'); if (!jobs.length) await page.waitForTimeout(100) }
  const job = jobs.at(-1)
  const n = code.slice(2)
  assert.ok(job.qrs[0].endsWith('-' + n), `printed QR ${job.qrs[0]} carries number ${n}`)
  assert.ok(job.cut && existsSync(job.png) && statSync(job.png).size > 1000, 'the emulator rendered the ticket PNG')
  // The optional rating lands in the store.
  await page.getByTestId('rate-good').click()
  await page.getByTestId('rating-thanks').waitFor()
  assertNoAppErrors(page)
  await page.context().close()
})

test('printer out of paper: the number shows very large with advice, nothing lost', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  await sim(page, 'PrinterSet', 'paper_end')
  await page.getByTestId('tile-queue').click()
  await page.getByTestId('service-CT').click()
  await page.getByTestId('priority-none').click()
  await page.getByTestId('ticket-print-failed').waitFor()
  assert.match(await page.getByTestId('ticket-print-failed').innerText(), /hết giấy/)
  const code = await page.getByTestId('ticket-number').innerText()
  const size = await page.getByTestId('ticket-number').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  assert.ok(size >= 150, `number is very large (${size}px)`)
  assert.match(code, /^B-\d{4}$/)
  await sim(page, 'PrinterSet', 'ok')
  assertNoAppErrors(page)
  await page.context().close()
})
