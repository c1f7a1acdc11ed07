import { describe, expect, it } from 'vitest'
import { BoundedCache } from './bounded-cache.ts'

describe('BoundedCache', () => {
  it('never holds more than twice its capacity', () => {
    const cache = new BoundedCache<string, number>(100)
    let largest = 0
    for (let i = 0; i < 10_000; i++) {
      cache.set(`k${i}`, i)
      cache.get(`k${i >> 1}`)
      largest = Math.max(largest, cache.size)
    }
    expect(largest).toBeLessThanOrEqual(200)
    expect(largest).toBeGreaterThan(100)
  })

  it('keeps entries touched within the last generation and drops untouched ones', () => {
    const cache = new BoundedCache<string, number>(4)
    cache.set('hot', 1)
    for (let i = 0; i < 20; i++) {
      cache.set(`cold${i}`, i)
      expect(cache.get('hot')).toBe(1)
    }
    expect(cache.get('cold0')).toBeUndefined()
    expect(cache.get('cold19')).toBe(19)
  })

  it('overwrites a value in place', () => {
    const cache = new BoundedCache<string, number>(2)
    cache.set('a', 1)
    cache.set('a', 2)
    expect(cache.get('a')).toBe(2)
    expect(cache.size).toBe(1)
  })

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError)
    expect(() => new BoundedCache(1.5)).toThrow(RangeError)
  })
})
