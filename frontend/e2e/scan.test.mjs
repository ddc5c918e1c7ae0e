import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { assertNoAppErrors, launchBrowser, openKiosk, readerConnected, startKiosk, startSession } from './harness.mjs'

// A generated identity (no real person): province 001, male born 1999.
const ID = '001099012345'
const NAME = 'Nguyen Van Binh'
const QR = `${ID}||${NAME}|01011999|Nam|So 1 Trang Tien, Hoan Kiem, Ha Noi|10102021`

test('keyboard-wedge scan → masked name on screen → idle → gone everywhere', async () => {
  const kiosk = await startKiosk({ toml: '[session]\nidle_seconds = 10\ncountdown_seconds = 3\n' })
  const browser = await launchBrowser()
  try {
    const page = await openKiosk(browser)
    await startSession(page)
    // The scanner types the QR line fast and presses Enter: it is a card, not typing.
    await page.keyboard.type(QR, { delay: 4 })
    await page.keyboard.press('Enter')
    await page.getByTestId('scan-result').waitFor()
    assert.equal(await page.getByTestId('scan-name').innerText(), NAME)
    assert.match(await page.getByTestId('scan-id').innerText(), /0010\*{6}45/)
    assert.ok(!(await page.content()).includes(ID), 'the full ID number is never on the page')
    await page.getByTestId('scan-yes').click()

    // A garbled read says so in plain Vietnamese.
    await page.keyboard.type(QR.slice(0, 30).replace('|', '#'), { delay: 4 })
    await page.keyboard.press('Enter')
    await page.getByTestId('scan-error').filter({ hasText: /vui lòng/ }).waitFor()

    // Walk away: idle, countdown, wipe.
    await page.getByTestId('attract').waitFor({ timeout: 30_000 })
    assert.equal(await page.evaluate(() => window.go.uiapi.API.Identity()), null)
    assert.ok(!(await page.content()).includes(NAME))
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))
    assert.ok(!stored.includes(NAME) && !stored.includes(ID))
    await startSession(page)
    await page.getByTestId('tile-scan').click()
    await page.getByTestId('scan-waiting').waitFor()
    assertNoAppErrors(page)
  } finally {
    await browser.close()
    const dataDir = kiosk.dataDir
    const log = kiosk.log()
    const files = readdirSync(dataDir).filter((f) => f.startsWith('kiosk.db'))
    const stores = files.map((f) => readFileSync(join(dataDir, f)))
    await kiosk.stop()
    assert.ok(files.length > 0, 'store files exist')
    for (const b of stores) {
      assert.ok(!b.includes(ID) && !b.includes(NAME), 'store bytes hold no personal data')
    }
    assert.ok(!log.includes(ID) && !log.includes(NAME), 'logs hold no personal data')
    assert.match(log, /card read/)
  }
})

test('simulated serial reader: card → masked name; garbled read → plain message; idle → gone', async () => {
  const kiosk = await startKiosk({ toml: '[session]\nidle_seconds = 10\ncountdown_seconds = 3\n' })
  const browser = await launchBrowser()
  try {
    const page = await openKiosk(browser)
    await startSession(page)
    await page.getByTestId('tile-scan').click()
    await page.getByTestId('scan-waiting').waitFor()
    // Through the real serial driver: emulator → pty → tarm/serial → assembler → parser → session → event.
    const send = (kind) => page.evaluate((k) => window.go.uiapi.Sim.ReaderSend(k), kind)
    await readerConnected(page)
    await send('garbled')
    await page.getByTestId('scan-error').filter({ hasText: 'Không đọc được thẻ, vui lòng đặt lại thẻ.' }).waitFor()
    await send('mrz')
    await page.getByTestId('scan-result').waitFor()
    assert.match(await page.getByTestId('scan-id').innerText(), /\d{4}\*{6}\d{2}/)
    await page.getByTestId('scan-again').click()
    await page.getByTestId('scan-waiting').waitFor()
    assert.equal(await page.evaluate(() => window.go.uiapi.API.Identity()), null)
    await send('qr')
    await page.getByTestId('scan-result').waitFor()
    const name = await page.getByTestId('scan-name').innerText()
    await page.getByTestId('attract').waitFor({ timeout: 30_000 })
    assert.equal(await page.evaluate(() => window.go.uiapi.API.Identity()), null)
    assert.ok(!(await page.content()).includes(name))
    assert.ok(!kiosk.log().includes(name), 'the name never reaches the log')
    assertNoAppErrors(page)
  } finally {
    await browser.close()
    await kiosk.stop()
  }
})
