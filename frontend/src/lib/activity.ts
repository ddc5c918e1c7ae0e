// Throttles citizen activity reports to Go: the first input after a quiet
// second is sent at once, the rest are dropped. Go owns the idle timer.
export function throttle(send: () => void, intervalMs: number, now: () => number = () => Date.now()) {
  let last = -Infinity
  return () => {
    const t = now()
    if (t - last >= intervalMs) {
      last = t
      send()
    }
  }
}
