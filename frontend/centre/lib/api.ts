// The centre's JSON API as seen from its own pages: same origin, the
// device token travels in the HttpOnly cookie set at pairing.
import type { ApiErrorBody } from './types'

/** ApiError is a non-2xx answer (the centre's Error body) or a network failure (code "unreachable"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly vi = '',
    readonly en = '',
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Answer is a route's parsed body with its headers and when they arrived (Date.now()). */
export interface Answer<T> {
  body: T
  headers: Headers
  at: number
}

/** api fetches a JSON route; it rejects with ApiError. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await answer<T>(path, init)).body
}

/** answer is api with the answer's headers and arrival time (e.g. the centre's Date, for its clock). */
export async function answer<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
  let res: Response
  try {
    res = await fetch(path, {
      credentials: 'same-origin',
      cache: 'no-store',
      ...init,
      headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) },
    })
  } catch (e) {
    throw new ApiError(0, 'unreachable', String(e))
  }
  const at = Date.now()
  const text = await res.text().catch(() => '')
  if (!res.ok) {
    let body: Partial<ApiErrorBody> = {}
    try {
      body = JSON.parse(text)
    } catch {
      // not the centre's answer: a proxy, or the centre down behind it
    }
    if (!body.code) {
      const code = res.status >= 500 ? 'unreachable' : `http_${res.status}`
      throw new ApiError(res.status, code, `HTTP ${res.status} from ${path}`)
    }
    throw new ApiError(res.status, body.code, body.message ?? '', body.vi ?? '', body.en ?? '')
  }
  if (res.status === 204 || text === '') return { body: undefined as T, headers: res.headers, at }
  try {
    return { body: JSON.parse(text) as T, headers: res.headers, at }
  } catch {
    // a 2xx that is not JSON: a captive portal or proxy page, not the centre
    throw new ApiError(res.status, 'bad_answer', `${path}: not JSON`)
  }
}

/** getJSON is api with GET. */
export const getJSON = <T>(path: string) => api<T>(path)

/** postJSON is api with a JSON body. */
export const postJSON = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body: JSON.stringify(body) })
