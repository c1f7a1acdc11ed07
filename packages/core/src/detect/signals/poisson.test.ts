import { describe, expect, it } from 'vitest'
import { poissonTail } from './poisson.ts'

describe('poissonTail', () => {
  it('computes Poisson upper tails', () => {
    expect(poissonTail(0, 3)).toBe(1)
    expect(poissonTail(1, 0.5)).toBeCloseTo(1 - Math.exp(-0.5), 12)
    // P(X ≥ 3 | λ = 2) = 1 − e⁻²(1 + 2 + 2)
    expect(poissonTail(3, 2)).toBeCloseTo(1 - Math.exp(-2) * 5, 12)
    // A tiny tail is dominated by its first term, e^−λ λ⁴/4!, and is not lost to 1 − (1 − ε).
    expect(poissonTail(4, 0.01) / (Math.exp(-0.01) * 0.01 ** 4 / 24)).toBeCloseTo(1.002, 3)
    expect(poissonTail(5, 0)).toBe(0)
  })
})
