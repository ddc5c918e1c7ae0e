// Reading GET /api/v1/fleet with the staff PIN, with the centre's clock
// (its Date header) so "last beat N s ago" is right on a desk PC whose
// clock is off.
import { ApiError, answer } from '../lib/api'
import { skewOf } from './cards'
import { HeaderStaffPIN, PathFleet, type KioskHealth } from './types'

export interface FleetAnswer {
  kiosks: KioskHealth[]
  /** the centre's clock minus this one, ms */
  skew: number
}

/** loadFleet rejects with ApiError (code "unreachable" for a network failure or a 5xx without the centre's body). */
export async function loadFleet(pin: string): Promise<FleetAnswer> {
  const { body, headers, at } = await answer<unknown>(PathFleet, { headers: { [HeaderStaffPIN]: pin } })
  if (!Array.isArray(body)) throw new ApiError(200, 'bad_answer', `${PathFleet}: not a list`)
  return { kiosks: body as KioskHealth[], skew: skewOf(headers.get('Date'), at) }
}
