import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assertNoAppErrors, launchBrowser, openKiosk, openProcedure, startKiosk, startSession } from './harness.mjs'

// A code-page printer profile, so the emulator's transcript holds the printed words.
const TOML = '[printer_profiles.80mm]\npaper_mm = 80\ndots = 576\ncode_page = "cp1258"\ncode_page_number = 52\nnative_qr = true\ncutter = true\nbytes_per_second = 0\n'

test('guidance wizard: choose case → tick papers → missing one → print → the emulator lists it', async () => {
  const kiosk = await startKiosk({ toml: TOML })
  const browser = await launchBrowser()
  try {
    const page = await openKiosk(browser)
    await startSession(page)
    await openProcedure(page, 'lltp')
    await page.getByTestId('go-guide').click()
    // Step 1: which case; "Không chắc" compares them side by side.
    await page.getByTestId('case-unsure').click()
    await page.getByTestId('case-compare').waitFor()
    await page.getByTestId('case-compare').getByRole('button').nth(2).click()
    // Step 2: tick the form and the ID card, not the authorisation letter.
    const papers = page.getByTestId('paper')
    assert.equal(await papers.count(), 3)
    await papers.nth(0).click()
    await papers.nth(2).click()
    await page.getByTestId('guide-next').click()
    // Step 3: what is missing and where to get it.
    assert.match(await page.getByTestId('missing').innerText(), /Văn bản ủy quyền có chứng thực[\s\S]*UBND cấp xã/)
    await page.getByTestId('guide-back').click()
    assert.equal(await page.locator('[data-testid=paper][aria-pressed=true]').count(), 2, 'Back keeps the ticks')
    await page.getByTestId('guide-next').click()
    for (let i = 0; i < 3; i++) await page.getByTestId('guide-next').click()
    await page.getByTestId('print-checklist').click()
    await page.getByTestId('print-result').filter({ hasText: 'Đã in' }).waitFor()
    let job
    for (let i = 0; i < 50 && !job; i++) {
      job = (await page.evaluate(() => window.go.uiapi.Sim.PrinterJobs())).at(-1)
      if (!job) await page.waitForTimeout(100)
    }
    const { readFileSync } = await import('node:fs')
    const texts = JSON.parse(readFileSync(job.png.replace(/\.png$/, '.json'), 'utf8')).texts.join('\n')
    assert.match(texts, /\[ \] Văn bản ủy quyền có chứng thực/)
    assert.match(texts, /\[x\] Tờ khai/)
    assert.match(texts, /CÒN THIẾU 1 GIẤY TỜ/)
    assertNoAppErrors(page)
  } finally {
    await browser.close()
    await kiosk.stop()
  }
})
