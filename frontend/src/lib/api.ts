// Thin access to the Go side. Wails exposes bound methods at
// window.go.main.App.<Method> and events at window.runtime; in dev mode the
// same objects exist in a browser at http://localhost:34115.

type AnyFn = (...args: unknown[]) => Promise<unknown>

interface WailsWindow {
  go?: { main?: { App?: Record<string, AnyFn> } }
  runtime?: {
    EventsOn?: (name: string, cb: (...data: unknown[]) => void) => () => void
    EventsOnMultiple?: (name: string, cb: (...data: unknown[]) => void, max: number) => () => void
  }
}

function w(): WailsWindow {
  return globalThis as unknown as WailsWindow
}

export class BackendError extends Error {}

/** call invokes a bound Go method; it rejects with BackendError when Go is absent or fails. */
export async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const fn = w().go?.main?.App?.[method]
  if (!fn) throw new BackendError(`backend method ${method} is not available`)
  try {
    return (await fn(...args)) as T
  } catch (e) {
    throw new BackendError(typeof e === 'string' ? e : (e as Error)?.message ?? String(e))
  }
}

/** on subscribes to a Go event; it returns the unsubscribe function. */
export function on<T>(name: string, cb: (data: T) => void): () => void {
  const rt = w().runtime
  if (rt?.EventsOnMultiple) return rt.EventsOnMultiple(name, (d) => cb(d as T), -1)
  if (rt?.EventsOn) return rt.EventsOn(name, (d) => cb(d as T))
  return () => {}
}

export function hasBackend(): boolean {
  return !!w().go?.main?.App
}
