// What the technician's page (/fleet/) reads: GET /api/v1/fleet
// (kiosk/centre/api_fleet.go KioskHealth, kiosk/fleet/fleet.go Beat).

export type State = 'green' | 'amber' | 'red' | 'offline'

/** Beat is one kiosk's latest heartbeat (no personal data). */
export interface Beat {
  kiosk: string
  at: string
  intervalSeconds: number
  version: string
  uptimeSeconds: number
  printer: string // ok | paper_near_end | paper_out | cover_open | offline | none
  printerDetail?: string
  reader: string // ok | fault | none
  readerDetail?: string
  lastError?: string
  freeDiskBytes: number
  catalogVersion: string
  bundles?: Record<string, string>
}

/** KioskHealth is one card: the state the centre judged at read time and the latest beat (none when it never sent one). */
export interface KioskHealth {
  kiosk: string
  state: State
  lastBeat?: string // RFC 3339, the centre's clock
  beat?: Beat
}

export const PathFleet = '/api/v1/fleet'
export { EventAlert, HeaderStaffPIN } from '../lib/types'

/** LowDisk is fleet.LowDisk: below it a kiosk is amber. */
export const LowDisk = 512 * 1024 * 1024
