/** Display helpers: numbers, times and cell values, always as plain strings. */
export const fmtInt = (n: number): string => new Intl.NumberFormat('en-US').format(n)

export function fmtTime(ms: number | string | null | undefined): string {
  if (ms === null || ms === undefined || ms === '') return '—'
  const d = new Date(typeof ms === 'number' ? ms : Number.isNaN(Number(ms)) ? ms : Number(ms))
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z')
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '∅'
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const
