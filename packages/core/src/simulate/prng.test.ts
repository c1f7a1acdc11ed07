import { describe, expect, it } from 'vitest'
import { Rng, rngFor } from './prng.ts'

describe('Rng', () => {
  it('repeats a stream for the same seed and name, and differs otherwise', () => {
    const a = rngFor(42, 'x')
    const b = rngFor(42, 'x')
    const c = rngFor(42, 'y')
    const sa = Array.from({ length: 20 }, () => a.next())
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa)
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa)
  })

  it('draws uniformly in [0, 1) and integers within bounds', () => {
    const r = new Rng('uniform')
    const buckets = new Array<number>(10).fill(0)
    let outside = 0
    for (let i = 0; i < 100_000; i++) {
      const x = r.next()
      if (!(x >= 0 && x < 1)) outside++
      else buckets[Math.floor(x * 10)]! += 1
    }
    expect(outside).toBe(0)
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(600)
    const ints = new Set<number>()
    for (let i = 0; i < 1_000; i++) ints.add(r.int(3, 5))
    expect([...ints].sort()).toEqual([3, 4, 5])
  })

  it('honours weights and the mean of exponential gaps', () => {
    const r = new Rng('weights')
    let heavy = 0
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++
    expect(heavy).toBeGreaterThan(8_700)
    expect(heavy).toBeLessThan(9_300)
    let sum = 0
    for (let i = 0; i < 20_000; i++) sum += r.exp(5)
    expect(sum / 20_000).toBeGreaterThan(4.8)
    expect(sum / 20_000).toBeLessThan(5.2)
  })
})
