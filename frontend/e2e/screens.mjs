import { typeKeys, openProcedure, holdStaffCorner, readerConnected, typePin } from './harness.mjs'
// How to reach each screen, for screenshots. Feature screens add themselves here.
export const screens = [
  { name: 'attract', show: async (page) => page.getByTestId('attract').waitFor() },
  { name: 'home', show: async () => {} },
  { name: 'home-en-bigtext', show: async (page) => { await page.getByTestId('toggle-lang').click(); await page.getByTestId('toggle-bigtext').click() } },
  { name: 'idle-warning', show: async (page) => {
    await page.evaluate(() => window.runtime.EventsEmit('session:state', { state: 'warning', sessionId: 1, secondsLeft: 10, language: 'vi' }))
    await page.getByTestId('idle-overlay').waitFor()
  } },
]
screens.push(
  { name: 'skills', show: async (page) => { await page.getByTestId('tile-skills').click(); await page.getByTestId('guide-vneid').waitFor() } },
  { name: 'skills-guide', show: async (page) => { await page.getByTestId('tile-skills').click(); await page.getByTestId('guide-vneid').click(); await page.locator('.qr img').waitFor() } },
  { name: 'pinpad', show: async (page) => {
    await holdStaffCorner(page)
    await page.getByTestId('pinpad').waitFor()
  } },
)
screens.push(
  { name: 'scan', show: async (page) => { await page.getByTestId('tile-scan').click(); await page.getByTestId('scan-waiting').waitFor() } },
  { name: 'scan-result', show: async (page) => {
    await page.getByTestId('tile-scan').click()
    await readerConnected(page)
    await page.evaluate(() => window.go.uiapi.Sim.ReaderSend('qr'))
    await page.getByTestId('scan-result').waitFor()
  } },
)
screens.push(
  { name: 'search', show: async (page) => { await page.getByTestId('tile-search').click(); await typeKeys(page, 'lys lichj'); await page.getByTestId('result').first().waitFor() } },
  { name: 'procedure', show: async (page) => openProcedure(page, 'ly lich') },
  { name: 'guide-case', show: async (page) => { await openProcedure(page, 'lltp'); await page.getByTestId('go-guide').click(); await page.getByTestId('case-option').first().waitFor() } },
  { name: 'guide-papers', show: async (page) => { await openProcedure(page, 'lltp'); await page.getByTestId('go-guide').click(); await page.getByTestId('case-option').nth(2).click(); await page.getByTestId('paper').first().click() } },
  { name: 'queue', show: async (page) => { await page.getByTestId('tile-queue').click(); await page.getByTestId('service-HT').waitFor() } },
  { name: 'queue-priority', show: async (page) => { await page.getByTestId('tile-queue').click(); await page.getByTestId('service-HT').click(); await page.getByTestId('priority-none').waitFor() } },
  { name: 'ticket', show: async (page) => { await page.getByTestId('tile-queue').click(); await page.getByTestId('service-HT').click(); await page.getByTestId('priority-none').click(); await page.getByTestId('ticket-result').waitFor() } },
  { name: 'ticket-paper-out', show: async (page) => {
    await page.evaluate(() => window.go.uiapi.Sim.PrinterSet('paper_end'))
    await page.getByTestId('tile-queue').click(); await page.getByTestId('service-CT').click(); await page.getByTestId('priority-none').click(); await page.getByTestId('ticket-print-failed').waitFor()
    await page.evaluate(() => window.go.uiapi.Sim.PrinterSet('ok'))
  } },
  { name: 'pay', show: async (page) => { await openProcedure(page, 'lltp'); await page.getByTestId('go-pay').click(); await page.getByTestId('pay-qr').waitFor() } },
)
const staffScreen = (role, pin) => async (page) => {
  await page.evaluate(async () => { await window.go.uiapi.API.StaffSetup('technician', '730514'); await window.go.uiapi.API.StaffSetup('staff', '482915') })
  await holdStaffCorner(page)
  await typePin(page, pin)
  await page.getByTestId(role + '-mode').waitFor()
}
screens.push({ name: 'staff', show: staffScreen('staff', '482915') }, { name: 'technician', show: staffScreen('technician', '730514') })
const rateTyped = async (page, served) => {
  await page.getByTestId('tile-queue').click(); await page.getByTestId('service-HT').click(); await page.getByTestId('priority-none').click()
  const code = await page.getByTestId('ticket-number').innerText()
  if (served) await page.evaluate((c) => window.go.uiapi.Sim.Serve(c, ''), code)
  await page.getByTestId('queue-done').click()
  await page.getByTestId('home-rate').click()
  await typeKeys(page, code.replace('-', '').toLowerCase())
  await page.getByTestId('visit-next').click()
}
screens.push(
  { name: 'rate-ticket', show: async (page) => { await page.getByTestId('home-rate').click(); await typeKeys(page, 'a0012'); await page.getByTestId('visit-ref').waitFor() } },
  { name: 'rate-faces-low', show: async (page) => {
    await rateTyped(page, true)
    await page.getByTestId('visit-star-2').click(); await page.getByTestId('visit-reason-wait').click(); await page.getByTestId('visit-reason-guidance').click()
    await page.getByTestId('visit-write').click(); await typeKeys(page, 'chowf laau quas')
  } },
  { name: 'rate-thanks', show: async (page) => { await rateTyped(page, true); await page.getByTestId('visit-star-5').click(); await page.getByTestId('visit-thanks').waitFor() } },
  { name: 'rate-not-served', show: async (page) => { await rateTyped(page, false); await page.getByTestId('visit-star-4').click(); await page.getByTestId('visit-refused').waitFor() } },
  { name: 'dossier', show: async (page) => { await page.getByTestId('tile-dossier').click(); await page.getByTestId('dossier').waitFor() } },
  { name: 'dossier-status', show: async (page) => {
    await page.getByTestId('tile-dossier').click()
    await typeKeys(page, '000.00.53.h48-250901-0001')
    await page.getByTestId('dossier-find').click()
    await page.getByTestId('dossier-status').waitFor()
  } },
)
