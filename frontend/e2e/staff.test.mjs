import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { assertNoAppErrors, holdStaffCorner, launchBrowser, openKiosk, openProcedure, startKiosk, startSession, typePin } from './harness.mjs'

let kiosk, browser
before(async () => {
  kiosk = await startKiosk()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await kiosk?.stop()
})

async function openPad(page) {
  // Hidden entry: hold the emblem for 3 seconds; a short tap does nothing.
  await holdStaffCorner(page, 500)
  assert.equal(await page.getByTestId('pinpad').count(), 0, 'a short tap must not open the PIN pad')
  await holdStaffCorner(page)
  await page.getByTestId('pinpad').waitFor()
}

test('first-run PINs, role separation, wrong PIN ×5 locks the pad', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  // A citizen takes a ticket; then asks for help; staff mode lists it.
  await page.getByTestId('tile-queue').click()
  await page.getByTestId('service-HT').click()
  await page.getByTestId('priority-none').click()
  await page.getByTestId('ticket-printed').waitFor()
  await page.getByTestId('ticket-rate-later').waitFor() // rating comes after service, not here
  // The one-tap rating stays at the end of the dossier guidance.
  await page.getByTestId('queue-done').click()
  await openProcedure(page, 'lltp')
  await page.getByTestId('go-guide').click()
  await page.getByTestId('case-option').first().click()
  for (let i = 0; i < 4; i++) await page.getByTestId('guide-next').click()
  await page.getByTestId('rate-bad').click()
  await page.getByTestId('reason-wait').click()
  await page.getByTestId('rating-thanks').waitFor()
  await page.getByTestId('nav-home').click()
  await page.getByTestId('tile-skills').click()
  await page.getByTestId('ask-help').click()
  await page.getByTestId('ask-help').filter({ hasText: 'Đã báo cán bộ' }).waitFor()
  await openPad(page)
  // First run: set the technician PIN, then the staff PIN, each entered twice.
  assert.match(await page.getByTestId('pinpad').innerText(), /đặt mã PIN kỹ thuật viên/)
  await typePin(page, '730514'); await typePin(page, '730514')
  await page.getByText('Đặt mã PIN cán bộ').waitFor()
  await typePin(page, '482915'); await typePin(page, '482915')
  await page.getByText('Cán bộ / kỹ thuật viên: nhập mã PIN').waitFor()

  await typePin(page, '482915')
  await page.getByTestId('staff-mode').waitFor()
  await page.getByTestId('assist-request').filter({ hasText: 'skills' }).waitFor()
  await page.getByTestId('assist-request').getByRole('button').click()
  await page.getByTestId('assist-request').waitFor({ state: 'detached' })
  // Reprint keeps the number; the CSV report carries the rating.
  await page.getByTestId('reprint-A-0001').click()
  await page.getByTestId('staff-done').filter({ hasText: 'Đã in lại A-0001' }).waitFor()
  assert.equal(await page.getByTestId('staff-ticket').count(), 1)
  assert.match(await page.getByTestId('staff-ticket').innerText(), /in lại 1/)
  await page.getByTestId('staff-report').last().click()
  await page.getByTestId('staff-done').filter({ hasText: '.csv' }).waitFor()
  const csv = readFileSync((await page.getByTestId('staff-done').innerText()).trim(), 'utf8')
  assert.match(csv, /rating,Lý lịch tư pháp,bad,,1/)
  assert.match(csv, /ticket,HT,A-0001,printed,1/)
  await page.getByTestId('staff-leave').click()
  await openPad(page)
  for (let i = 1; i <= 4; i++) {
    await typePin(page, '111222')
    await page.getByTestId('pin-message').filter({ hasText: 'Mã PIN không đúng.' }).waitFor()
  }
  await typePin(page, '111222')
  await page.getByTestId('pin-message').filter({ hasText: /Nhập sai quá nhiều lần\. Vui lòng thử lại sau 5 phút\./ }).waitFor()
  // Locked: even the right PIN is refused now.
  await typePin(page, '482915')
  await page.getByTestId('pin-message').filter({ hasText: /thử lại sau/ }).waitFor()
  assert.equal(await page.getByTestId('staff-mode').count(), 0)
  assertNoAppErrors(page)
  await page.context().close()
})
