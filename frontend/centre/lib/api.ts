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

/** api fetches a JSON route; it rejects with ApiError. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
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
  if (res.status === 204 || text === '') return undefined as T
  return JSON.parse(text) as T
}

/** getJSON is api with GET. */
export const getJSON = <T>(path: string) => api<T>(path)

/** postJSON is api with a JSON body. */
export const postJSON = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body: JSON.stringify(body) })
