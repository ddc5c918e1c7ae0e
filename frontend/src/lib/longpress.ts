// Svelte action: calls fn after the element is held for ms (default 3 s).
// Staff open their PIN pad this way; a citizen's tap never does.
export function longpress(node: HTMLElement, opts: { fn: () => void; ms?: number }) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const start = () => { clear(); timer = setTimeout(() => opts.fn(), opts.ms ?? 3000) }
  const clear = () => { if (timer) clearTimeout(timer); timer = undefined }
  node.addEventListener('pointerdown', start)
  for (const ev of ['pointerup', 'pointerleave', 'pointercancel']) node.addEventListener(ev, clear)
  return {
    update(o: { fn: () => void; ms?: number }) { opts = o },
    destroy() {
      clear()
      node.removeEventListener('pointerdown', start)
      for (const ev of ['pointerup', 'pointerleave', 'pointercancel']) node.removeEventListener(ev, clear)
    },
  }
}
