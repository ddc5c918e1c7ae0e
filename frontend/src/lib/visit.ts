// The "Đánh giá dịch vụ" screen's rules: pure, unit tested.

/** VISIT_REASONS are kiosk/rating.VisitReasons, the chips at 3 faces or fewer. */
export const VISIT_REASONS = ['wait', 'attitude', 'guidance', 'papers', 'fee', 'facilities', 'other'] as const

/** refOK: what was scanned or typed can be a ticket (a code such as B0012, or the ticket QR). */
export function refOK(ref: string): boolean {
  const r = ref.trim()
  return r.length >= 2 && r.length <= 256 && /\d/.test(r)
}
