// Reading GET /api/v1/fleet with the staff PIN, with the centre's clock
// (its Date header) so "last beat N s ago" is right on a desk PC whose
// clock is off.
import { ApiError } from '../lib/api'
import { skewOf } from './cards'
import { HeaderStaffPIN, PathFleet, type KioskHealth } from './types'

export interface FleetAnswer {
  kiosks: KioskHealth[]
  /** the centre's clock minus this one, ms */
  skew: number
}

/** loadFleet rejects with ApiError (code "unreachable" for a network failure or a 5xx without the centre's body). */
export async function loadFleet(pin: string): Promise<FleetAnswer> {
  let res: Response
  try {
    res = await fetch(PathFleet, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json', [HeaderStaffPIN]: pin } })
  } catch (e) {
    throw new ApiError(0, 'unreachable', String(e))
  }
  const at = Date.now()
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // not the centre's answer: a proxy, or the centre down behind it
  }
  if (!res.ok) {
    const b = (body ?? {}) as { code?: string; message?: string; vi?: string; en?: string }
    if (!b.code) throw new ApiError(res.status, res.status >= 500 ? 'unreachable' : `http_${res.status}`, `HTTP ${res.status} from ${PathFleet}`)
    throw new ApiError(res.status, b.code, b.message ?? '', b.vi ?? '', b.en ?? '')
  }
  if (!Array.isArray(body)) throw new ApiError(res.status, 'bad_answer', `${PathFleet}: not a list`)
  return { kiosks: body as KioskHealth[], skew: skewOf(res.headers.get('Date'), at) }
}
