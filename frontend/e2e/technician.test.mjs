import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { assertNoAppErrors, holdStaffCorner, launchBrowser, openKiosk, startKiosk, startSession, typePin } from './harness.mjs'

test('technician changes the printer baud → config saved atomically → printer reconnects and prints', async () => {
  const kiosk = await startKiosk()
  const browser = await launchBrowser()
  try {
    const page = await openKiosk(browser)
    await startSession(page)
    await page.evaluate(async () => { await window.go.uiapi.API.StaffSetup('technician', '730514'); await window.go.uiapi.API.StaffSetup('staff', '482915') })
    await holdStaffCorner(page)
    await typePin(page, '730514')
    await page.getByTestId('technician-mode').waitFor()
    await page.getByTestId('light-printer').waitFor()

    await page.getByTestId('printer-baud-9600').click()
    await page.getByTestId('tech-save').click()
    await page.getByTestId('tech-saved').waitFor()
    const toml = readFileSync(kiosk.cfgPath, 'utf8')
    assert.match(toml, /\[printer\][^[]*baud = 9600/)
    assert.deepEqual(readdirSync(dirname(kiosk.cfgPath)).filter((f) => f.includes('.tmp')), [], 'no temp file left behind')
    // The driver was recreated with the new settings and prints.
    await page.getByTestId('tech-test-print').click()
    // A raster test page at 9600 Bd takes tens of seconds on the wire; TechTestPrint
    // bounds the whole print at 60 s, so that is the wait (plus the round trip).
    await page.getByTestId('tech-preview').waitFor({ timeout: 75_000 })
    assert.match(kiosk.log(), /printer ready" driver=sim port=\S+ baud=9600/)
    assert.match(kiosk.log(), /config saved from technician mode" .*changed=printer/)
    // Live reader monitor: frames with the parse result, personal fields masked.
    await page.evaluate(() => window.go.uiapi.Sim.ReaderSend('qr'))
    await page.evaluate(() => window.go.uiapi.Sim.ReaderSend('garbled'))
    await page.waitForTimeout(800)
    await page.getByTestId('tech-monitor').click()
    const mon = await page.getByTestId('monitor-lines').innerText()
    assert.match(mon, /qr · \d+ B · 1 dòng · OK \d{4}\*{6}\d{2}/)
    assert.match(mon, /not a CCCD QR/)
    assertNoAppErrors(page)
  } finally {
    await browser.close()
    await kiosk.stop()
  }
})
