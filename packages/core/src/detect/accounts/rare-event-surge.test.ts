import { describe, expect, it } from 'vitest'
import { RareEventSurge, poissonTail } from './rare-event-surge.ts'

const options = { minEvents: 4, maxEvents: 32, minShare: 0.25, pValue: 1e-6, priorMs: 60_000 }

describe('rare-event surge', () => {
  it('computes Poisson upper tails', () => {
    expect(poissonTail(0, 3)).toBe(1)
    expect(poissonTail(1, 0.5)).toBeCloseTo(1 - Math.exp(-0.5), 12)
    // P(X ≥ 3 | λ = 2) = 1 − e⁻²(1 + 2 + 2)
    expect(poissonTail(3, 2)).toBeCloseTo(1 - Math.exp(-2) * 5, 12)
    // A tiny tail is dominated by its first term, e^−λ λ⁴/4!, and is not lost to 1 − (1 − ε).
    expect(poissonTail(4, 0.01) / (Math.exp(-0.01) * 0.01 ** 4 / 24)).toBeCloseTo(1.002, 3)
    expect(poissonTail(5, 0)).toBe(0)
  })

  it('needs a larger burst with no history than after a quiet hour', () => {
    const cold = new RareEventSurge<number>(options)
    const warm = new RareEventSurge<number>(options)
    for (let t = 0; t < 3_600_000; t += 6000) warm.attempt(t)
    const burst = (s: RareEventSurge<number>, from: number) => {
      for (let k = 0; k < 12; k++) {
        s.attempt(from + k * 5000)
        const surge = s.rare(from + k * 5000, k)
        if (surge !== null) return surge
      }
      return null
    }
    const atStart = burst(cold, 0)
    const afterQuiet = burst(warm, 3_600_000)
    expect(afterQuiet?.items).toEqual([0, 1, 2, 3])
    expect(atStart?.items.length).toBeGreaterThan(4)
    expect(atStart!.pValue).toBeLessThanOrEqual(1e-6)
  })

  it('ignores rare events that are a small share of the attempts', () => {
    const s = new RareEventSurge<number>({ ...options, minShare: 0.5 })
    let surge = null
    for (let k = 0; k < 40; k++) {
      // Three ordinary attempts around each rare one.
      for (let j = 0; j < 3; j++) s.attempt(3_600_000 + k * 1000)
      surge ??= s.rare(3_600_000 + k * 1000, k)
    }
    expect(surge).toBeNull()
  })
})
