// Access to the Go side through the bindings Wails generates from the one
// bound object, kiosk/uiapi.API (src/wailsjs/go/uiapi/API.{js,d.ts} and the
// types in src/wailsjs/go/models.ts; `make bindings` regenerates them and
// `make test` checks they are current). In dev mode the same objects exist in
// a browser at http://localhost:34115.
import * as API from '../wailsjs/go/uiapi/API'

interface WailsWindow {
  go?: { uiapi?: { API?: Record<string, unknown> } }
  runtime?: {
    EventsOn?: (name: string, cb: (...data: unknown[]) => void) => () => void
    EventsOnMultiple?: (name: string, cb: (...data: unknown[]) => void, max: number) => () => void
  }
}

function w(): WailsWindow {
  return globalThis as unknown as WailsWindow
}

export class BackendError extends Error {}

type Api = typeof API

/** api is the UI API, typed from the Go signatures. A call rejects with
 *  BackendError when Go is absent or returns an error. */
export const api: Api = Object.fromEntries(
  Object.entries(API).map(([name, fn]) => [
    name,
    async (...args: unknown[]) => {
      if (!hasBackend()) throw new BackendError(`backend method ${name} is not available`)
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args)
      } catch (e) {
        throw new BackendError(typeof e === 'string' ? e : (e as Error)?.message ?? String(e))
      }
    },
  ]),
) as Api

/** on subscribes to a Go event; it returns the unsubscribe function. */
export function on<T>(name: string, cb: (data: T) => void): () => void {
  const rt = w().runtime
  if (rt?.EventsOnMultiple) return rt.EventsOnMultiple(name, (d) => cb(d as T), -1)
  if (rt?.EventsOn) return rt.EventsOn(name, (d) => cb(d as T))
  return () => {}
}

export function hasBackend(): boolean {
  return !!w().go?.uiapi?.API
}
