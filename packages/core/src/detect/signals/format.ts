/** Number and duration formatting for one-sentence explanations. @module */

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

export function fmtInt(n: number): string {
  // Windows are scored by the thousand and most counts are small: below 1,000 a whole number
  // has no separator to add, and String is many times faster than Intl (which writes -0 as "-0").
  if (Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0)) return String(n)
  return INT.format(n)
}

export function fmtPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`
}

/** `45 s`, `9 min`, `2 h 5 min`. */
export function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 120) return `${s} s`
  const min = Math.round(s / 60)
  if (min < 120) return `${min} min`
  const h = Math.floor(min / 60)
  const rest = min % 60
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`
}

/** Joins the explanation's clauses: `a, b and c`. */
export function joinClauses(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? ''
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}
