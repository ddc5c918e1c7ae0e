import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { assertNoAppErrors, launchBrowser, openKiosk, openProcedure, root, startKiosk, startSession, typeKeys } from './harness.mjs'

// The simulator's sample dossiers (kiosk/dossier/sim.go).
const READY = '000.00.53.H48-250901-0001'
const OVERDUE = '000.00.53.H48-250801-0003'
const UNKNOWN = '000.00.53.H48-250901-9999'
const OWNER = 'Nguyễn Văn An'
const shots = process.env.SCREENSHOT_DIR ?? join(root, 'docs/screenshots')

// The sample catalog with download links on its forms (as the importer
// brings them from TENMAUDON/URL), plus one link that is not http(s).
function catalogWithForms() {
  const c = JSON.parse(readFileSync(join(root, 'kiosk/catalog/sample/catalog.json'), 'utf8'))
  for (const p of c.procedures) for (const cs of p.cases ?? []) for (const d of cs.documents ?? []) {
    if (d.form) d.formUrl = p.code === '1.000894' ? 'ftp://example.invalid/form.doc' : `https://dichvucong.gov.vn/mau-don/${p.code}.docx`
  }
  const path = join(tmpdir(), `dossier-e2e-catalog-${process.pid}.json`)
  writeFileSync(path, JSON.stringify(c))
  return path
}

test('dossier status: keyboard → masked status; unknown → plain message; receipt scan; form QR; idle → gone', async () => {
  mkdirSync(shots, { recursive: true })
  const kiosk = await startKiosk({ toml: `[session]\nidle_seconds = 12\ncountdown_seconds = 3\n[catalog]\npath = "${catalogWithForms()}"\n` })
  const browser = await launchBrowser()
  try {
    const page = await openKiosk(browser)
    await startSession(page)
    await page.getByTestId('tile-dossier').click()
    await page.getByTestId('dossier').waitFor()
    await page.screenshot({ path: join(shots, 'dossier-portrait.png') })

    // Type the receipt code on the in-app keyboard.
    await typeKeys(page, READY.toLowerCase())
    assert.equal(await page.getByTestId('dossier-code').innerText(), READY)
    await page.getByTestId('dossier-find').click()
    await page.getByTestId('dossier-status').waitFor()
    assert.equal(await page.getByTestId('dossier-owner').innerText(), 'Nguyễn V** A**')
    assert.ok(!(await page.content()).includes(OWNER), 'the full name is never on the page')
    assert.equal(await page.getByTestId('dossier-status').getAttribute('data-ready'), 'true')
    assert.match(await page.getByTestId('dossier-procedure').innerText(), /Đăng ký khai sinh/)
    assert.match(await page.getByTestId('dossier-collect').innerText(), /Quầy số 1/)
    await page.getByTestId('dossier-appointment').waitFor()
    await page.getByTestId('dossier-received').waitFor()
    await page.screenshot({ path: join(shots, 'dossier-status-portrait.png') })

    // An unknown code: the plain "not found" message.
    await page.getByTestId('dossier-again').click()
    await typeKeys(page, UNKNOWN.toLowerCase())
    await page.getByTestId('dossier-find').click()
    const err = page.getByTestId('dossier-error')
    await err.waitFor()
    assert.equal(await err.getAttribute('data-outcome'), 'not_found')
    assert.match(await err.innerText(), /Không tìm thấy hồ sơ với mã này/)
    await page.screenshot({ path: join(shots, 'dossier-notfound-portrait.png') })

    // The receipt's barcode through a keyboard-wedge scanner: a code, not a card.
    await page.getByTestId('keyboard').locator('[data-key=clear]').click()
    await page.keyboard.type(OVERDUE, { delay: 4 })
    await page.keyboard.press('Enter')
    await page.getByTestId('dossier-overdue').waitFor()
    assert.equal(await page.getByTestId('dossier-owner').innerText(), 'Lê M** T**')
    assert.notEqual(await page.getByTestId('dossier').count(), 0, 'still on the dossier screen (not the card scan)')

    // Form links on the procedure screen: a QR per http(s) form URL only.
    await page.getByTestId('nav-home').click()
    await openProcedure(page, 'khai sinh')
    await page.getByTestId('form-qr').first().waitFor()
    assert.ok((await page.getByTestId('form-qr').count()) >= 1)
    await page.getByTestId('form-qr').first().scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(shots, 'procedure-form-qr-portrait.png') })

    // Back to a shown status, then walk away: the idle reset wipes it.
    await page.getByTestId('nav-home').click()
    await page.getByTestId('tile-dossier').click()
    await typeKeys(page, READY.toLowerCase())
    await page.getByTestId('dossier-find').click()
    await page.getByTestId('dossier-status').waitFor()
    await page.getByTestId('attract').waitFor({ timeout: 40_000 })
    assert.ok(!(await page.content()).includes('V** A**'))
    await startSession(page)
    await page.getByTestId('tile-dossier').click()
    assert.equal(await page.getByTestId('dossier-status').count(), 0)
    assert.ok(!(await page.getByTestId('dossier-code').innerText()).includes(READY))
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))
    assert.ok(!stored.includes(READY) && !stored.includes('V** A**'))
    assertNoAppErrors(page)
  } finally {
    await browser.close()
    const log = kiosk.log()
    await kiosk.stop()
    assert.ok(!log.includes(READY) && !log.includes(UNKNOWN) && !log.includes(OWNER), 'logs hold no dossier data')
    assert.match(log, /dossier lookup/)
  }
})
