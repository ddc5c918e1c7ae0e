import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { assertNoAppErrors, launchBrowser, openKiosk, startKiosk, startSession, typeKeys } from './harness.mjs'

let kiosk, browser
before(async () => { kiosk = await startKiosk(); browser = await launchBrowser() })
after(async () => { await browser?.close(); await kiosk?.stop() })

test('type "ly lich" on the on-screen keyboard → criminal record first → details', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  await page.getByTestId('tile-search').click()
  await typeKeys(page, 'ly lich')
  assert.equal(await page.getByTestId('search-query').innerText(), 'ly lich|')
  const first = page.getByTestId('result').first()
  await first.filter({ hasText: 'Cấp Phiếu lý lịch tư pháp' }).waitFor()
  assert.equal(await first.getAttribute('data-code'), '2.000488')
  await first.click()
  await page.getByTestId('procedure').waitFor()
  assert.match(await page.getByTestId('procedure-name').innerText(), /lý lịch tư pháp/)
  assert.match(await page.getByTestId('procedure-fee').innerText(), /200\.000/)
  assert.match(await page.getByTestId('procedure-time').innerText(), /10 ngày làm việc/)
  assert.match(await page.getByTestId('procedure-documents').innerText(), /Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp/)
  // Buttons lead somewhere: guidance exists; queue/pay lead to a screen, never nowhere.
  await page.getByTestId('go-guide').click()
  await page.getByTestId('guide').waitFor()
  assertNoAppErrors(page)
  await page.context().close()
})

test('Telex typing composes accents; nonsense gives suggestions', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  await page.getByTestId('tile-search').click()
  await typeKeys(page, 'soor ddor')
  assert.equal(await page.getByTestId('search-query').innerText(), 'sổ đỏ|')
  await page.getByTestId('result').first().filter({ hasText: /Giấy chứng nhận lần đầu/ }).waitFor()
  await page.locator('[data-testid=keyboard] [data-key=clear]').click()
  await typeKeys(page, 'qqq zzz')
  await page.getByTestId('no-results').waitFor()
  assert.ok(await page.getByTestId('suggestion').count() > 0)
  assertNoAppErrors(page)
  await page.context().close()
})

test('browse by field', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  await page.getByTestId('tile-search').click()
  await page.getByTestId('filter-field').getByRole('button', { name: /^Cư trú/ }).click()
  // The list refreshes asynchronously: wait until it is the filtered one.
  await page.waitForFunction(() => {
    const metas = [...document.querySelectorAll('[data-testid=result] .meta')].map((e) => e.textContent)
    return metas.length > 0 && metas.every((m) => m.startsWith('Cư trú'))
  })
  const metas = await page.locator('[data-testid=result] .meta').allInnerTexts()
  assert.ok(metas.length >= 4, `${metas.length} residence procedures`)
  for (const meta of metas) assert.match(meta, /^Cư trú/)
  await page.context().close()
})
