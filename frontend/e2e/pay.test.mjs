import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { assertNoAppErrors, launchBrowser, openKiosk, openProcedure, root, startKiosk, startSession } from './harness.mjs'

const KIOSKCTL = join(root, 'build/bin/kioskctl')

test('pay a fee: VietQR on screen → signed bank notice → paid → receipt printed', async () => {
  const kiosk = await startKiosk({ toml: '[payment]\nlisten = "127.0.0.1:18787"\ncasso_key = "e2e-casso-key"\n' })
  const browser = await launchBrowser()
  try {
    const page = await openKiosk(browser)
    await startSession(page)
    await openProcedure(page, 'lltp')
    await page.getByTestId('go-pay').click()
    await page.getByTestId('pay-qr').waitFor()
    assert.match(await page.getByTestId('pay-amount').innerText(), /200\.000/)
    assert.match(await page.getByTestId('pay-words').innerText(), /Hai trăm nghìn đồng/)
    const memo = await page.locator('.bank b').innerText()
    const ref = memo.split(' ').at(-1)
    assert.match(ref, /^P[A-Z0-9]{7}$/)

    // A forged notice (wrong key) changes nothing.
    assert.throws(() => execFileSync(KIOSKCTL, ['pay', 'simulate', '--config', kiosk.cfgPath, '--key', 'forged', ref, '200000'], { stdio: 'pipe' }))
    assert.equal(await page.getByTestId('pay-paid').count(), 0)
    // The bank's notice, signed, pushed to the screen by Go (no polling in the page).
    const out = execFileSync(KIOSKCTL, ['pay', 'simulate', '--config', kiosk.cfgPath, ref, '200000']).toString()
    assert.match(out, /HTTP 200/)
    await page.getByTestId('pay-paid').waitFor({ timeout: 10_000 })
    let jobs = []
    for (let i = 0; i < 50 && !jobs.some((j) => j.qrs.some((q) => q.startsWith(ref))); i++) {
      jobs = await page.evaluate(() => window.go.uiapi.Sim.PrinterJobs())
      await page.waitForTimeout(100)
    }
    assert.ok(jobs.some((j) => j.cut && j.qrs.some((q) => q.startsWith(ref))), 'the receipt came out of the emulator')
    assert.match(kiosk.log(), /payment notice rejected/)
    assert.match(kiosk.log(), /payment confirmed by bank notice/)
    assertNoAppErrors(page)
  } finally {
    await browser.close()
    await kiosk.stop()
  }
})
