import { describe, expect, it } from 'vitest'
import { FindingCache } from './finding-cache.ts'

describe('FindingCache', () => {
  it('answers for a value only under the kind and header name it was stored with', () => {
    const cache = new FindingCache<string>(64)
    cache.set('1', 'arg', null, 'arg 1')
    cache.set('1', 'header', 'x-page', 'header 1')
    expect(cache.get('1', 'arg', null)).toBe('arg 1')
    expect(cache.get('1', 'header', 'x-page')).toBe('header 1')
    expect(cache.get('1', 'json', null)).toBeUndefined()
    expect(cache.get('1', 'header', 'x-other')).toBeUndefined()
    expect(cache.get('2', 'arg', null)).toBeUndefined()
  })

  it('tells apart long values that differ only between the characters it samples', () => {
    // One set of two places, so every value competes for it whatever its hash.
    const cache = new FindingCache<number>(2)
    const base = 'a'.repeat(300)
    const values = Array.from({ length: 300 }, (_, i) => `${base.slice(0, i)}b${base.slice(i + 1)}`)
    cache.set(base, 'json', null, -1)
    for (const v of values) expect(cache.get(v, 'json', null)).toBeUndefined()
    cache.set(values[150]!, 'json', null, 150)
    expect(cache.get(values[150]!, 'json', null)).toBe(150)
    expect(cache.get(base, 'json', null)).toBe(-1)
    // A fresh string with the same text is the same value.
    expect(cache.get([...values[150]!].join(''), 'json', null)).toBe(150)
  })

  it('lets the older of a set\u2019s two values make way', () => {
    const cache = new FindingCache<string>(3) // rounded down to one set of two
    cache.set('first', 'arg', null, '1')
    cache.set('second', 'arg', null, '2')
    cache.set('third', 'arg', null, '3')
    expect(cache.get('first', 'arg', null)).toBeUndefined()
    expect(cache.get('second', 'arg', null)).toBe('2')
    expect(cache.get('third', 'arg', null)).toBe('3')
  })
})
