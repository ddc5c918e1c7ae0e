import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startKiosk, launchBrowser, openKiosk, startSession, assertNoAppErrors, PORTRAIT, LANDSCAPE } from './harness.mjs'

let kiosk, browser

before(async () => {
  kiosk = await startKiosk({ toml: '[kiosk]\ncentre_name = "Trung tâm Phục vụ hành chính công tỉnh Thử nghiệm"\n[session]\nidle_seconds = 10\ncountdown_seconds = 4\n' })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await kiosk?.stop()
})

for (const [name, vp] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
  test(`home renders in ${name}`, async () => {
    const page = await openKiosk(browser, vp)
    await startSession(page)
    assert.equal(await page.getByTestId('centre-name').innerText(), 'Trung tâm Phục vụ hành chính công tỉnh Thử nghiệm')
    for (const id of ['search', 'guide', 'queue', 'pay', 'dossier', 'scan', 'skills']) {
      const box = await page.getByTestId('tile-' + id).boundingBox()
      assert.ok(box, `tile ${id} visible`)
      assert.ok(box.height >= 64 && box.width >= 64, `tile ${id} is a big touch target (${box.width}x${box.height})`)
      assert.ok(box.y + box.height <= vp.height, `tile ${id} fits on screen without scrolling`)
    }
    // Four columns in landscape (the first three tiles in three of them), two in portrait.
    const xs = new Set()
    for (const id of ['search', 'guide', 'queue']) xs.add(Math.round((await page.getByTestId('tile-' + id).boundingBox()).x))
    assert.equal(xs.size, name === 'landscape' ? 3 : 2)
    assertNoAppErrors(page)
    assertNoAppErrors(page)
  await page.context().close()
  })
}

test('vi/en toggle and larger text', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  assert.match(await page.getByTestId('tile-search').innerText(), /Tra cứu thủ tục/)
  await page.getByTestId('toggle-lang').click()
  assert.match(await page.getByTestId('tile-search').innerText(), /Find a procedure/)
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
  await page.getByTestId('toggle-bigtext').click()
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
  assert.ok(after > before, `font grows (${before} → ${after})`)
  await page.getByTestId('toggle-lang').click()
  assert.match(await page.getByTestId('tile-search').innerText(), /Tra cứu thủ tục/)
  assertNoAppErrors(page)
  await page.context().close()
})

test('unbuilt tiles lead to a polite screen, never a dead tap', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  const features = await page.evaluate(() => window.go.uiapi.API.Status().then((s) => s.features))
  for (const id of ['search', 'guide', 'queue', 'pay', 'dossier', 'scan', 'skills']) {
    await page.getByTestId('tile-' + id).click()
    if (!features.includes(id)) await page.getByTestId('soon').waitFor()
    assert.notEqual(await page.getByTestId('tile-' + id).count(), 1, `tapping ${id} left the home screen`)
    await page.getByTestId('nav-home').click()
    await page.getByTestId('tile-' + id).waitFor()
  }
  assertNoAppErrors(page)
  await page.context().close()
})

test('idle countdown ends and wipes the session', async () => {
  const page = await openKiosk(browser)
  await startSession(page)
  const first = await page.evaluate(() => window.go.uiapi.API.SessionState())
  assert.equal(first.state, 'active')
  await page.getByTestId('toggle-lang').click()
  // No input for idle_seconds = 10: the countdown appears.
  await page.getByTestId('idle-overlay').waitFor({ timeout: 20_000 })
  assert.match(await page.getByTestId('idle-overlay').innerText(), /Are you still there\?/)
  // "I'm still here" keeps the same session.
  await page.getByTestId('idle-stay').click()
  await page.getByTestId('idle-overlay').waitFor({ state: 'detached' })
  assert.equal((await page.evaluate(() => window.go.uiapi.API.SessionState())).sessionId, first.sessionId)
  // Then let it run out: back to the attract screen, in Vietnamese, session over.
  await page.getByTestId('idle-overlay').waitFor({ timeout: 20_000 })
  await page.getByTestId('attract').waitFor({ timeout: 15_000 })
  const after = await page.evaluate(() => window.go.uiapi.API.SessionState())
  assert.equal(after.state, 'attract')
  assert.equal(after.language, 'vi')
  assert.match(await page.getByTestId('attract').innerText(), /Chạm vào màn hình để bắt đầu/)
  // The page keeps nothing in browser storage.
  const stored = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length,
    idb: (await indexedDB.databases?.())?.length ?? 0,
  }))
  assert.deepEqual(stored, { local: 0, session: 0, idb: 0 })
  // A new touch starts a new session.
  await startSession(page)
  assert.equal((await page.evaluate(() => window.go.uiapi.API.SessionState())).sessionId, first.sessionId + 1)
  assertNoAppErrors(page)
  await page.context().close()
})
