import { describe, expect, it } from 'vitest'
import { RareEventSurge } from './rare-event-surge.ts'

const options = { minEvents: 4, maxEvents: 32, minShare: 0.25, pValue: 1e-6, priorMs: 60_000 }

describe('rare-event surge', () => {
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
