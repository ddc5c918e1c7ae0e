import type { ProcedureView, RawProcedure } from './types'

// The catalog omits empty lists; the screens always get arrays.
export function normalize(p: Partial<RawProcedure> & { code: string; name: string }): ProcedureView {
  const arr = <T,>(x: T[] | undefined | null): T[] => x ?? []
  return {
    field: '', level: '', agency: '', result: '', onlineLevel: '', validity: '', replacedBy: '', source: '', sourceUrl: '', updated: '',
    feeAmount: 0, portalUrl: '', service: undefined,
    ...p,
    subjects: arr(p.subjects), steps: arr(p.steps), methods: arr(p.methods), conditions: arr(p.conditions),
    legalBasis: arr(p.legalBasis), forms: arr(p.forms), unverified: arr(p.unverified),
    cases: arr(p.cases).map((c) => ({ time: '', fee: '', ...c, documents: arr(c.documents) })),
  } as ProcedureView
}
