// End-to-end harness: starts the real kiosk (a Wails dev-tag build, real Go
// behind it) with its own data dir and config, and drives Debian's Chromium
// through Wails' dev-mode browser bridge on http://localhost:34115.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
export const root = resolve(here, '../..')
export const BRIDGE = 'http://localhost:34115'
const BINARY = process.env.KIOSK_DEV_BINARY ?? join(root, 'build/bin/kiosk-dev')

export const PORTRAIT = { width: 1080, height: 1920 }
export const LANDSCAPE = { width: 1920, height: 1080 }

async function portOpen() {
  try {
    const r = await fetch(BRIDGE + '/', { signal: AbortSignal.timeout(1000) })
    return r.ok
  } catch {
    return false
  }
}

/**
 * startKiosk launches the kiosk with the given TOML (appended to a minimal
 * windowed config) and waits for the bridge. It needs a display: run the
 * suite under xvfb-run (the Makefile does).
 */
export async function startKiosk({ toml = '', env = {} } = {}) {
  if (!existsSync(BINARY)) throw new Error(`missing ${BINARY}: run 'make e2e' (it builds the dev binary)`)
  if (await portOpen()) throw new Error('port 34115 is busy: another kiosk dev instance is running')
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'))
  const cfgPath = join(dataDir, 'kiosk.toml')
  writeFileSync(cfgPath, `[window]\nmode = "windowed"\nwidth = 1080\nheight = 1920\n${toml}\n`)
  const logPath = join(dataDir, 'kiosk.log')
  const { openSync } = await import('node:fs')
  const out = openSync(logPath, 'a')
  const proc = spawn(BINARY, [], {
    cwd: root,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: cfgPath, devserver: 'localhost:34115', assetdir: join(root, 'frontend/dist'), loglevel: 'Warning', ...env },
    stdio: ['ignore', out, out],
    detached: true,
  })
  let exited = null
  proc.on('exit', (code, sig) => (exited = { code, sig }))
  const deadline = Date.now() + 60_000
  while (!(await portOpen())) {
    if (exited) throw new Error(`kiosk exited early (${JSON.stringify(exited)}):\n${readFileSync(logPath, 'utf8')}`)
    if (Date.now() > deadline) throw new Error('kiosk bridge did not come up in 60 s:\n' + readFileSync(logPath, 'utf8'))
    await sleep(200)
  }
  return {
    dataDir,
    cfgPath,
    log: () => readFileSync(logPath, 'utf8'),
    async stop() {
      if (!exited) {
        try { process.kill(-proc.pid, 'SIGTERM') } catch {}
        const until = Date.now() + 10_000
        while (!exited && Date.now() < until) await sleep(100)
        if (!exited) try { process.kill(-proc.pid, 'SIGKILL') } catch {}
        while (await portOpen()) await sleep(100)
      }
      if (!process.env.KEEP_E2E_DATA) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...extraArgs],
  })
}

/** AUTOPLAY lets a hall display speak without a tap (as the TV's kiosk Chromium is started). */
export const AUTOPLAY = ['--autoplay-policy=no-user-gesture-required']

/** openKiosk opens a page on the bridge at the given viewport and waits for the app. */
export async function openKiosk(browser, viewport = PORTRAIT) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, hasTouch: true, locale: 'vi-VN' })
  const page = await context.newPage()
  // Uncaught errors from our code fail the tests (assertNoAppErrors); Wails'
  // own dev-bridge script throws one harmless error at load in a browser.
  page.appErrors = []
  page.on('pageerror', (e) => {
    if (/\/wails\/ipc\.js/.test(e.stack ?? '')) return
    console.error('page error:', e.message)
    page.appErrors.push(e)
  })
  await page.goto(BRIDGE + '/')
  await page.waitForFunction(() => !!(window.go && window.go.uiapi && window.go.uiapi.API))
  return page
}

/** startSession taps the attract screen and waits for the home tiles. */
export async function startSession(page) {
  const attract = page.getByTestId('attract')
  if (await attract.isVisible().catch(() => false)) await attract.click()
  await page.getByTestId('tile-search').waitFor({ timeout: 15_000 })
}

export function assertNoAppErrors(page) {
  if (page.appErrors.length) throw new Error('uncaught page errors: ' + page.appErrors.map((e) => e.stack).join('\n'))
}

/** typeKeys taps the in-app on-screen keyboard. */
export async function typeKeys(page, text) {
  for (const ch of text) await page.locator(`[data-testid=keyboard] [data-key="${ch === ' ' ? 'space' : ch}"]`).click()
}

/** openProcedure searches on the on-screen keyboard and opens the first result. */
export async function openProcedure(page, query) {
  await page.getByTestId('tile-search').click()
  await typeKeys(page, query)
  await page.getByTestId('result').first().click()
  await page.getByTestId('procedure').waitFor()
}

/** holdStaffCorner presses the emblem for ms (the hidden staff entry needs 3 s). */
export async function holdStaffCorner(page, ms = 3300) {
  const box = await page.getByTestId('staff-corner').boundingBox()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.waitForTimeout(ms)
  await page.mouse.up()
}

/** typePin enters digits on the PIN pad and presses OK. */
export async function typePin(page, pin) {
  for (const d of pin) await page.locator(`[data-testid=pinpad] [data-key="${d}"]`).click()
  await page.locator('[data-testid=pinpad] [data-key=ok]').click()
}

/** readerConnected waits until the (simulated) reader's port is open. */
export async function readerConnected(page) {
  for (let i = 0; i < 100; i++) {
    const devs = await page.evaluate(() => window.go.uiapi.API.Devices())
    if (devs.find((d) => d.name === 'reader')?.connected) return
    await page.waitForTimeout(100)
  }
  throw new Error('reader never connected')
}
