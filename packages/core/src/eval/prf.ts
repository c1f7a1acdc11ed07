/**
 * Precision, recall and F1 from counts, rounded to four places; null where a ratio has
 * nothing to divide by.
 * @module
 */

export interface Prf {
  tp: number
  fp: number
  fn: number
  /** null when undefined (nothing detected, or nothing to find). */
  precision: number | null
  recall: number | null
  f1: number | null
}

export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : Math.round((num / den) * 10_000) / 10_000
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = ratio(tp, tp + fp)
  const recall = ratio(tp, tp + fn)
  let f1: number | null = null
  if (precision !== null && recall !== null) {
    f1 = precision + recall === 0 ? 0 : Math.round(((2 * precision * recall) / (precision + recall)) * 10_000) / 10_000
  }
  return { tp, fp, fn, precision, recall, f1 }
}
