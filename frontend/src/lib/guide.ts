// Guidance wizard logic over one procedure: pure functions, unit tested.
import type { ProcedureView, CaseView, MethodView, DocumentItem } from './types'

export const STEPS = ['case', 'papers', 'missing', 'cost', 'submit', 'print'] as const
export type Step = (typeof STEPS)[number]

/** cases returns the procedure's cases, or one implicit case built from its single document list. */
export function cases(p: ProcedureView): CaseView[] {
  if (p.cases.length) return p.cases
  return [{ name: p.name, time: p.methods[0]?.time ?? '', fee: p.methods[0]?.fee ?? '', documents: [] }]
}

/** needsCaseStep: a question is only asked when there is a real choice. */
export function needsCaseStep(p: ProcedureView): boolean {
  return cases(p).length > 1
}

/** missing lists the papers not ticked, in the order of the checklist. */
export function missing(docs: DocumentItem[], ticked: Set<number>): DocumentItem[] {
  return docs.filter((_, i) => !ticked.has(i))
}

/** hoursOf reads a Vietnamese processing time ("03 ngày làm việc", "Trong ngày", "05 giờ") as working hours, for comparison. */
export function hoursOf(time: string): number {
  const s = time.toLowerCase()
  if (/ngay khi|ngay trong|trong ngày|trong ngay|ngay sau khi/.test(s)) return 4
  const m = s.match(/(\d+(?:[.,]\d+)?)\s*(giờ|gio|ngày|ngay|tháng|thang)/)
  if (!m) return Number.POSITIVE_INFINITY
  const n = parseFloat(m[1].replace(',', '.'))
  if (m[2].startsWith('gi')) return n
  if (m[2].startsWith('th')) return n * 22 * 8
  return n * 8
}

export interface MethodChoice extends MethodView {
  cheapest: boolean
  fastest: boolean
}

/** compareMethods marks the cheapest and the fastest way to submit. */
export function compareMethods(methods: MethodView[]): MethodChoice[] {
  if (!methods.length) return []
  const fees = methods.map((m) => (Number.isFinite(m.feeAmount) && m.feeAmount >= 0 ? m.feeAmount : Infinity))
  const minFee = Math.min(...fees)
  const hours = methods.map((m) => hoursOf(m.time))
  const minH = Math.min(...hours)
  return methods.map((m, i) => ({
    ...m,
    cheapest: fees[i] === minFee && fees.filter((f) => f === minFee).length < methods.length,
    fastest: Number.isFinite(minH) && hours[i] === minH && hours.filter((h) => h === minH).length < methods.length,
  }))
}

/** isOnline: whether a method is online submission. */
export function isOnline(m: MethodView): boolean {
  return /trực tuyến|truc tuyen|online/i.test(m.method)
}

export function isPost(m: MethodView): boolean {
  return /bưu chính|buu chinh|post/i.test(m.method)
}
