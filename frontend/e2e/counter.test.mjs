// The counter page (/counter/ of the centre) in real Chromium: an officer
// pairs the counter, signs in with the on-screen PIN pad, calls, recalls,
// starts, finishes, marks a no-show, parks and resumes, transfers, calls
// out of order with a reason and pauses the counter; sees what the citizen
// did at the kiosk; cannot act for another counter; and two officers
// pressing "next" at once get two different tickets.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root, launchBrowser } from './harness.mjs'
import { centreServer, freePort, KIOSKCTL, OFFICER_PIN } from './centre-harness.mjs'

const SHOTS = process.env.SCREENSHOT_DIR ?? join(root, 'docs/screenshots')
mkdirSync(SHOTS, { recursive: true })

const VIEWPORT = { width: 1280, height: 800 } // a counter monitor or tablet
const LAN = 'Nguyễn Thị Lan'
const HUNG = 'Trần Văn Hùng'
const MISSING = 'Giấy chứng nhận kết hôn của cha mẹ'

let dir, centre, browser, kioskToken, counterTokens
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counter-e2e-'))
  centre = centreServer(dir, await freePort())
  kioskToken = centre.enroll('kiosk', 'KIOSK-01')
  counterTokens = [centre.enroll('counter', 'QUAY-1'), centre.enroll('counter', 'QUAY-2')]
  centre.enroll('display', 'TV-SANH-1')
  centre.addOfficer(LAN)
  centre.addOfficer(HUNG)
  await centre.start()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await centre?.stop()
  if (!process.env.KEEP_E2E_DATA && dir) rmSync(dir, { recursive: true, force: true })
})

function issue(service) {
  const out = execFileSync(KIOSKCTL, ['ticket', 'issue', '--centre', centre.url, '--token', kioskToken, '--service', service, '--json'], { encoding: 'utf8' })
  return JSON.parse(out).code
}

async function issueWithGuidance() {
  const r = await fetch(`${centre.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${kioskToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      service: 'HT',
      guidance: {
        procedure: '1.001193', name: 'Đăng ký khai sinh', case: 'Cha mẹ đã đăng ký kết hôn',
        ticked: ['Giấy chứng sinh', 'Tờ khai đăng ký khai sinh'], missing: [MISSING],
      },
    }),
  })
  assert.equal(r.status, 201, `issue with guidance: ${r.status}`)
  return (await r.json()).code
}

async function openCounter(token, counter) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'vi-VN' })
  const page = await context.newPage()
  page.appErrors = []
  page.on('pageerror', (e) => { console.error('page error:', e.message); page.appErrors.push(e) })
  await page.goto(`${centre.url}/counter/?token=${encodeURIComponent(token)}&counter=${counter}`)
  await page.locator('[data-testid=counter-page][data-phase=signin]').waitFor()
  assert.equal(page.url(), `${centre.url}/counter/?counter=${counter}`, 'the token is gone from the address')
  assert.equal(await page.evaluate(() => document.cookie), '', 'the page script cannot read the token')
  await page.locator(`[data-testid=pick-counter-${counter}][aria-pressed=true]`).waitFor()
  return page
}

async function typePin(page, pin) {
  for (const d of pin) await page.getByTestId(`key-${d}`).click()
}

async function signInPage(page, name) {
  await page.locator(`[data-testid=pick-officer][data-name="${name}"]`).click()
  await typePin(page, OFFICER_PIN)
  await page.getByTestId('signin-submit').click()
  await page.locator('[data-testid=counter-page][data-phase=main]').waitFor()
  await page.locator('[data-testid=link][data-link=ok]').waitFor({ timeout: 15_000 })
}

const current = (page) => page.getByTestId('current')
async function waitCurrent(page, code, status) {
  const sel = code === '' ? '[data-testid=current][data-ticket=""]' : `[data-testid=current][data-ticket="${code}"][data-status="${status}"]`
  await page.locator(sel).waitFor({ timeout: 10_000 })
}

async function noError(page) {
  const m = page.locator('[data-testid=message][data-kind=error]')
  if (await m.count()) assert.fail(`unexpected message: ${await m.innerText()}`)
}

async function chooseChipAndConfirm(page, chip, text = '') {
  const d = page.getByTestId('dialog')
  await d.waitFor()
  assert.ok(await page.getByTestId('dialog-confirm').isDisabled(), 'no reason yet: Confirm is disabled')
  if (chip) await d.locator(`[data-testid=chip][data-chip="${chip}"]`).click()
  if (text) await page.getByTestId('reason-text').fill(text)
  await page.getByTestId('dialog-confirm').click()
  await d.waitFor({ state: 'detached' })
}

let pageA, codes
test('an officer signs in, calls, serves, parks, transfers, calls out of order and pauses', async () => {
  const guided = await issueWithGuidance()
  codes = [guided]
  for (let i = 0; i < 7; i++) codes.push(issue('HT'))
  assert.deepEqual(codes, ['A-0001', 'A-0002', 'A-0003', 'A-0004', 'A-0005', 'A-0006', 'A-0007', 'A-0008'])

  pageA = await openCounter(counterTokens[0], '1')
  const page = pageA
  // Wrong PIN first: the centre's message.
  await page.locator(`[data-testid=pick-officer][data-name="${LAN}"]`).click()
  await typePin(page, '111111')
  assert.equal(await page.getByTestId('pin').getAttribute('data-len'), '6')
  await page.getByTestId('signin-submit').click()
  const msg = page.getByTestId('message')
  await msg.waitFor()
  assert.match(await msg.innerText(), /Mã PIN không đúng[\s\S]*Wrong PIN|Mã PIN không đúng/i)
  assert.equal(await page.getByTestId('pin').getAttribute('data-len'), '0', 'the PIN is cleared after a refusal')
  await typePin(page, '97')
  await page.screenshot({ path: join(SHOTS, 'counter-signin.png') })
  await page.getByTestId('key-clear').click()
  await typePin(page, OFFICER_PIN)
  await page.getByTestId('signin-submit').click()
  await page.locator('[data-testid=counter-page][data-phase=main]').waitFor()
  await page.locator('[data-testid=link][data-link=ok]').waitFor({ timeout: 15_000 })
  assert.match(await page.getByTestId('officer').innerText(), new RegExp(LAN))
  await page.locator('[data-testid=count-HT][data-waiting="8"]').waitFor()
  assert.equal(await page.getByTestId('no-guidance').count(), 0)
  assert.ok(await page.getByTestId('finish').isDisabled(), 'nothing to finish yet')
  assert.match(await page.getByTestId('finish-why').innerText(), /Chưa gọi số nào/)

  // Call next: the guided ticket, with what the citizen did at the kiosk.
  await page.getByTestId('call-next').click()
  await waitCurrent(page, 'A-0001', 'called')
  await page.locator('[data-testid=guidance][data-has=yes]').waitFor()
  assert.match(await page.getByTestId('g-procedure').innerText(), /Đăng ký khai sinh/)
  assert.match(await page.getByTestId('g-case').innerText(), /Cha mẹ đã đăng ký kết hôn/)
  assert.match(await page.getByTestId('g-missing').innerText(), new RegExp(`✗ ${MISSING}`))
  assert.match(await page.getByTestId('g-ticked').innerText(), /✓ Giấy chứng sinh/)
  assert.ok(await page.getByTestId('call-next').isDisabled(), 'no second call while one is called')
  assert.match(await page.getByTestId('call-next-why').innerText(), /Xong số hiện tại trước/)
  assert.ok(await page.getByTestId('finish').isDisabled(), 'finish only after start')

  // Recall, start, finish.
  await page.getByTestId('recall').click()
  await page.locator('[data-testid=current][data-recalls="1"]').waitFor()
  await page.getByTestId('start').click()
  await waitCurrent(page, 'A-0001', 'serving')
  assert.ok(await page.getByTestId('noshow').isDisabled(), 'no-show only after a call')
  assert.match(await page.getByTestId('noshow-why').innerText(), /Chỉ khi đã gọi/)
  await page.screenshot({ path: join(SHOTS, 'counter-serving.png') })
  await page.getByTestId('finish').click()
  await waitCurrent(page, '')
  await noError(page)

  // Call next, no-show.
  await page.getByTestId('call-next').click()
  await waitCurrent(page, 'A-0002', 'called')
  assert.equal(await page.getByTestId('no-guidance').innerText().then((t) => t.includes('Không có thông tin từ ki-ốt')), true)
  await page.getByTestId('noshow').click()
  await waitCurrent(page, '')

  // Park one with a reason, and resume it.
  await page.getByTestId('call-next').click()
  await waitCurrent(page, 'A-0003', 'called')
  await page.getByTestId('park').click()
  await chooseChipAndConfirm(page, 'Công dân đi bổ sung giấy tờ')
  await waitCurrent(page, '')
  await page.getByTestId('parked-A-0003').waitFor()
  assert.match(await page.getByTestId('parked-A-0003').innerText(), /bổ sung giấy tờ/)
  await page.getByTestId('resume-A-0003').click()
  await waitCurrent(page, 'A-0003', 'called')
  assert.equal(await page.getByTestId('parked-A-0003').count(), 0)

  // Transfer it to another service.
  await page.getByTestId('transfer').click()
  await page.getByTestId('dialog').waitFor()
  assert.ok(await page.getByTestId('dialog-confirm').isDisabled(), 'a target first')
  await page.getByTestId('target-CT').click()
  await page.getByTestId('reason-text').fill('Cần chứng thực bản sao trước')
  await page.getByTestId('dialog-confirm').click()
  await waitCurrent(page, '')
  await noError(page)
  const services = await (await fetch(`${centre.url}/api/v1/services`, { headers: { Authorization: `Bearer ${kioskToken}` } })).json()
  assert.equal(services.find((s) => s.code === 'CT').waiting, 1, 'the transferred ticket waits for Chứng thực')

  // Call one out of order, with a reason.
  await page.getByTestId('waiting-A-0006').waitFor()
  await page.getByTestId('call-A-0006').click()
  await chooseChipAndConfirm(page, 'Người cao tuổi', '85 tuổi')
  await waitCurrent(page, 'A-0006', 'called')
  assert.match(await current(page).innerText(), /Người cao tuổi — 85 tuổi/)
  await page.getByTestId('start').click()
  await waitCurrent(page, 'A-0006', 'serving')
  await page.getByTestId('finish').click()
  await waitCurrent(page, '')

  // Pause with a reason: Call next is disabled and says why; reopen.
  await page.getByTestId('pause').click()
  await chooseChipAndConfirm(page, 'Họp', 'giao ban')
  await page.getByTestId('paused-banner').waitFor()
  assert.match(await page.getByTestId('paused-banner').innerText(), /Họp — giao ban/)
  assert.ok(await page.getByTestId('call-next').isDisabled(), 'Call next is disabled while paused')
  assert.match(await page.getByTestId('call-next-why').innerText(), /tạm dừng[\s\S]*Họp — giao ban/)
  assert.ok(await page.getByTestId('call-A-0004').isDisabled(), 'no out-of-order call while paused')
  await page.screenshot({ path: join(SHOTS, 'counter-paused.png') })
  await page.getByTestId('reopen').click()
  await page.getByTestId('paused-banner').waitFor({ state: 'detached' })
  assert.ok(await page.getByTestId('call-next').isEnabled(), 'Call next again after reopening')
  await noError(page)
  assert.deepEqual(page.appErrors, [])
})

test('an officer cannot act for another counter; two officers pressing next get two tickets', async () => {
  const pageB = await openCounter(counterTokens[1], '2')
  await signInPage(pageB, HUNG)
  await pageB.getByTestId('waiting-A-0004').waitFor()

  // Counter 1 calls A-0004; counter 2 tries to finish it.
  await pageA.getByTestId('call-next').click()
  await waitCurrent(pageA, 'A-0004', 'called')
  const id = Number(await current(pageA).getAttribute('data-id'))
  await pageB.evaluate((id) => window.__counterAct(id, 'start'), id)
  const m = pageB.locator('[data-testid=message][data-kind=error]')
  await m.waitFor()
  assert.match(await m.innerText(), /Số này không thuộc quầy của bạn/)
  // The same browser, signed in at counter 2, has no session at counter 1.
  const r = await pageB.evaluate(async (id) => {
    const r = await fetch(`/api/v1/counters/1/tickets/${id}/start`, { method: 'POST', credentials: 'same-origin' })
    return { status: r.status, body: await r.json() }
  }, id)
  assert.equal(r.status, 401)
  assert.equal(r.body.code, 'no_officer')
  await waitCurrent(pageA, 'A-0004', 'called') // untouched
  await pageA.getByTestId('noshow').click()
  await waitCurrent(pageA, '')
  await pageB.getByTestId('message').getByRole('button').click()

  // Both press Call next at once.
  await pageA.locator('[data-testid=call-next]:not([disabled])').waitFor()
  await pageB.locator('[data-testid=call-next]:not([disabled])').waitFor()
  await Promise.all([pageA.getByTestId('call-next').click(), pageB.getByTestId('call-next').click()])
  await pageA.locator('[data-testid=current]:not([data-ticket=""])').waitFor()
  await pageB.locator('[data-testid=current]:not([data-ticket=""])').waitFor()
  const a = await current(pageA).getAttribute('data-ticket')
  const b = await current(pageB).getAttribute('data-ticket')
  assert.notEqual(a, b, 'two different tickets')
  assert.deepEqual([a, b].sort(), ['A-0005', 'A-0007'])
  await noError(pageA)
  await noError(pageB)

  // Sign out: back to the sign-in, and the session is gone.
  await pageB.getByTestId('signout').click()
  await pageB.locator('[data-testid=counter-page][data-phase=signin]').waitFor()
  const after = await pageB.evaluate(async () => (await fetch('/api/v1/counters/2', { credentials: 'same-origin' })).status)
  assert.equal(after, 401)
  assert.deepEqual(pageA.appErrors, [])
  assert.deepEqual(pageB.appErrors, [])
})
