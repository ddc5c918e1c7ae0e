import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, statSync } from 'node:fs'
import { startKiosk, launchBrowser, openKiosk, startSession, assertNoAppErrors, openProcedure, typeKeys } from './harness.mjs'

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
  // No rating at ticket time (the citizen has not been served yet): the
  // screen says where to rate after service instead.
  assert.equal(await page.getByTestId('rating').count(), 0, 'no rating prompt on the ticket screen')
  assert.match(await page.getByTestId('ticket-rate-later').innerText(), /máy tính bảng tại quầy.*quét mã QR trên phiếu/)
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

test('a number from the wizard carries the guidance to the store; rate later refuses an unserved ticket, then takes one rating', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  // Lý lịch tư pháp, case 3 (ủy quyền), two papers of three ticked.
  await openProcedure(page, 'lltp')
  await page.getByTestId('go-guide').click()
  await page.getByTestId('case-option').nth(2).click()
  await page.getByTestId('paper').nth(0).click()
  await page.getByTestId('paper').nth(2).click()
  for (let i = 0; i < 3; i++) await page.getByTestId('guide-next').click()
  await page.getByTestId('guide-queue').click()
  await page.getByTestId('priority-none').click()
  await page.getByTestId('ticket-result').waitFor()
  const code = await page.getByTestId('ticket-number').innerText()
  assert.equal(await page.getByTestId('rating').count(), 0, 'no rating prompt on the ticket screen')
  await page.getByTestId('ticket-rate-later').waitFor()

  const stored = await sim(page, 'Ticket', code)
  assert.equal(stored.guidance?.procedure, '2.000488', 'the guidance reached the store')
  assert.match(stored.guidance.case, /^Ủy quyền/)
  assert.deepEqual(stored.guidance.missing, ['Văn bản ủy quyền có chứng thực'])
  assert.equal(stored.guidance.ticked.length, 2)
  assert.match(stored.guidance.fee, /200\.000/)

  // Straight to the queue from the home screen: no guidance.
  await page.getByTestId('queue-done').click()
  await page.getByTestId('tile-queue').click()
  await page.getByTestId('service-HT').click()
  await page.getByTestId('priority-none').click()
  const plain = await page.getByTestId('ticket-number').innerText()
  assert.equal((await sim(page, 'Ticket', plain)).guidance, undefined)
  await page.getByTestId('queue-done').click()

  // Rate later: typed on the in-app keyboard, not served yet → the plain message.
  await page.getByTestId('home-rate').click()
  await typeKeys(page, code.replace('-', '').toLowerCase())
  await page.getByTestId('visit-next').click()
  await page.getByTestId('visit-star-5').click()
  const refused = page.getByTestId('visit-refused')
  await refused.waitFor()
  assert.equal(await refused.getAttribute('data-reason'), 'notserved')
  assert.match(await refused.innerText(), /Chỉ đánh giá được sau khi đã được phục vụ xong/)

  // Served at the counter; the ticket QR scanned (the reader types it) → 2 faces, a reason, a comment.
  await sim(page, 'Serve', code, '')
  const jobs = await sim(page, 'PrinterJobs')
  const qr = jobs.map((j) => j.qrs[0]).find((q) => q.endsWith('-' + code.slice(2)) && q.startsWith(stored.service))
  await page.getByTestId('visit-again').click()
  await page.keyboard.type(qr)
  await page.keyboard.press('Enter')
  await page.getByTestId('visit-star-2').waitFor()
  await page.getByTestId('visit-star-2').click()
  await page.getByTestId('visit-reason-wait').click()
  await page.getByTestId('visit-write').click()
  await typeKeys(page, 'chowf laau')
  assert.equal(await page.getByTestId('visit-comment').locator('.val').innerText(), 'chờ lâu|')
  await page.getByTestId('visit-send').click()
  await page.getByTestId('visit-thanks').waitFor()
  // Once only.
  await page.getByTestId('visit-again').click()
  await page.keyboard.type(qr)
  await page.keyboard.press('Enter')
  await page.getByTestId('visit-star-4').click()
  assert.equal(await page.getByTestId('visit-refused').getAttribute('data-reason'), 'rated')
  assertNoAppErrors(page)
  await page.context().close()
})
