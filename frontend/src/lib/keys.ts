import { WedgeDetector, type WedgeOutput } from './wedge'

// Physical key input: scanner bursts go to Go as a card scan; ordinary typing
// (a technician's or staff member's keyboard) goes to whichever screen listens.
type Listener = (key: string) => void
const listeners = new Set<Listener>()

export function onTyped(fn: Listener): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

// A screen that reads its own scans (the dossier screen: a receipt's
// barcode is a code, not a card) takes them while it is open.
let scanTaker: ((data: string) => void) | null = null

export function takeScans(fn: (data: string) => void): () => void {
  scanTaker = fn
  return () => {
    if (scanTaker === fn) scanTaker = null
  }
}

export function installKeyRouter(onScan: (data: string) => void, now: () => number = () => performance.now()) {
  const det = new WedgeDetector()
  const emit = (outs: WedgeOutput[]) => {
    for (const o of outs) {
      if (o.kind === 'scan') (scanTaker ?? onScan)(o.data)
      else for (const k of o.keys) for (const l of listeners) l(k)
    }
  }
  // Decide held keys when the detector says it may (a person's pause, a
  // stalled card's long fallback), and again while something is held.
  let timer: ReturnType<typeof setTimeout> | undefined
  const schedule = () => {
    clearTimeout(timer)
    timer = undefined
    const at = det.deadline()
    if (at === null) return
    timer = setTimeout(() => {
      emit(det.flush(now()))
      schedule()
    }, Math.max(0, at - now()) + 5)
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return
    e.preventDefault()
    emit(det.feed(e.key, now()))
    schedule()
  }
  window.addEventListener('keydown', onKey)
  return () => {
    clearTimeout(timer)
    window.removeEventListener('keydown', onKey)
  }
}
