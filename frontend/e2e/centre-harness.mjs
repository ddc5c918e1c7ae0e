// Runs build/bin/motcua-centre for the e2e tests: a centre on a loopback
// port over a temp SQLite file, its devices enrolled with the real CLI.
import { spawn, execFileSync } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { root } from './harness.mjs'

export const CENTRE_BIN = join(root, 'build/bin/motcua-centre')
export const KIOSKCTL = join(root, 'build/bin/kioskctl')

/** OFFICER_PIN is every test officer's PIN. */
export const OFFICER_PIN = '975310'

/** signIn signs an officer in at a counter with a counter token; it returns the session header to send. */
export async function signIn(url, token, counter, officer) {
  const r = await fetch(`${url}/api/v1/counters/${counter}/signin`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ officer, pin: OFFICER_PIN }),
  })
  if (r.status !== 200) throw new Error(`sign in at counter ${counter}: HTTP ${r.status} ${await r.text()}`)
  return { 'X-Officer-Session': r.headers.get('X-Officer-Session') }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
  })
}

async function healthy(url) {
  try {
    const r = await fetch(url + '/healthz', { signal: AbortSignal.timeout(1000) })
    return r.ok && (await r.json()).ok
  } catch {
    return false
  }
}

/** centreServer runs motcua-centre serve on a fixed port over one SQLite file in dir. */
export function centreServer(dir, port) {
  const db = join(dir, 'centre.db')
  const url = `http://127.0.0.1:${port}`
  const logPath = join(dir, 'centre.log')
  let proc = null
  let exited = null
  return {
    url,
    db,
    log: () => readFileSync(logPath, 'utf8'),
    enroll: (kind, name) => execFileSync(CENTRE_BIN, ['enroll', '--db', db, kind, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(),
    /** addOfficer adds a counter officer whose PIN is OFFICER_PIN. */
    addOfficer: (name) => execFileSync(CENTRE_BIN, ['officer', 'add', '--db', db, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOTCUA_OFFICER_PIN: OFFICER_PIN } }),
    async start() {
      exited = null
      proc = spawn(CENTRE_BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', openSync(logPath, 'a'), openSync(logPath, 'a')] })
      proc.on('exit', (code, sig) => (exited = { code, sig }))
      const deadline = Date.now() + 30_000
      while (!(await healthy(url))) {
        if (exited) throw new Error(`centre exited (${JSON.stringify(exited)}):\n${readFileSync(logPath, 'utf8')}`)
        if (Date.now() > deadline) throw new Error('centre did not answer /healthz in 30 s:\n' + readFileSync(logPath, 'utf8'))
        await sleep(100)
      }
    },
    async stop() {
      if (!proc || exited) return
      proc.kill('SIGTERM')
      const until = Date.now() + 10_000
      while (!exited && Date.now() < until) await sleep(50)
      if (!exited) proc.kill('SIGKILL')
      while (!exited) await sleep(50)
    },
  }
}
