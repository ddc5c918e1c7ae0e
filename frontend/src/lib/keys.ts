import { WedgeDetector, type WedgeOutput } from './wedge'

// Physical key input: scanner bursts go to Go as a card scan; ordinary typing
// (a technician's or staff member's keyboard) goes to whichever screen listens.
type Listener = (key: string) => void
const listeners = new Set<Listener>()

export function onTyped(fn: Listener): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

export function installKeyRouter(onScan: (data: string) => void, now: () => number = () => performance.now()) {
  const det = new WedgeDetector()
  const emit = (outs: WedgeOutput[]) => {
    for (const o of outs) {
      if (o.kind === 'scan') onScan(o.data)
      else for (const k of o.keys) for (const l of listeners) l(k)
    }
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return
    e.preventDefault()
    emit(det.feed(e.key, now()))
    // Release held keys once the burst goes quiet.
    setTimeout(() => emit(det.flush(now())), 60)
  }
  window.addEventListener('keydown', onKey)
  return () => window.removeEventListener('keydown', onKey)
}
