import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startKiosk, launchBrowser, openKiosk, startSession, assertNoAppErrors } from './harness.mjs'

test('digital-skills corner: guides from data files, QR to open on the phone', async () => {
  const kiosk = await startKiosk()
  // Staff add a local guide by dropping a JSON file in <data dir>/skills/.
  mkdirSync(join(kiosk.dataDir, 'skills'))
  writeFileSync(join(kiosk.dataDir, 'skills', 'tinh.json'), JSON.stringify({
    id: 'tinh', order: 9, icon: 'apps', title: { vi: 'Ứng dụng Công dân số của tỉnh', en: 'Provincial citizen app' },
    summary: { vi: 'Phản ánh, kiến nghị', en: 'Feedback' }, steps: [{ icon: 'download', vi: 'Tải ứng dụng', en: 'Install the app' }],
    tips: { vi: '', en: '' }, url: 'https://example.gov.vn',
  }))
  const browser = await launchBrowser()
  try {
    const page = await openKiosk(browser)
    await startSession(page)
    await page.getByTestId('tile-skills').click()
    for (const id of ['vneid', 'dvc', 'pay', 'safety', 'platforms', 'tinh']) await page.getByTestId('guide-' + id).waitFor()
    await page.getByTestId('guide-vneid').click()
    assert.match(await page.getByTestId('skills').innerText(), /Kích hoạt tài khoản VNeID mức 2/)
    assert.equal(await page.locator('.step').count(), 5)
    const qr = await page.locator('.qr img').getAttribute('src')
    assert.match(qr, /^data:image\/png;base64,/)
    await page.getByTestId('guide-print').click()
    await page.getByTestId('guide-printed').filter({ hasText: 'Đã in' }).waitFor()
    const jobs = await page.evaluate(() => window.go.uiapi.Sim.PrinterJobs())
    assert.ok(jobs.some((j) => j.qrs.includes('https://vneid.gov.vn')), 'the guide came out of the printer with its QR')
    assertNoAppErrors(page)
  } finally {
    await browser.close()
    await kiosk.stop()
  }
})
