/**
 * Combining signals into a 0–100 score: a noisy-OR, so independent evidence adds up,
 * no single weak signal reaches the reporting threshold, and the score never exceeds 100.
 * Each signal has a weight (its score when fully present) and a strength in [0, 1].
 * @module
 */

export interface Signal {
  name: string
  weight: number
  strength: number
  /** Human phrase with the evidence, used in the explanation when the signal fires. */
  phrase: string
}

export interface Scored {
  score: number
  fired: Signal[]
}

export function combine(signals: readonly Signal[]): Scored {
  let miss = 1
  const fired: Signal[] = []
  for (const s of signals) {
    const p = s.weight * Math.min(1, Math.max(0, s.strength))
    if (p <= 0) continue
    miss *= 1 - p
    fired.push(s)
  }
  fired.sort((a, b) => b.weight * b.strength - a.weight * a.strength)
  return { score: Math.round((1 - miss) * 100), fired }
}

/** 0 at or below `low`, 1 at or above `high`, linear between. */
export function ramp(x: number, low: number, high: number): number {
  if (!(x > low)) return 0
  if (x >= high) return 1
  return (x - low) / (high - low)
}
