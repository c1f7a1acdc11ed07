import { describe, expect, it } from 'vitest'
import { createDosDetector } from './dos.ts'
import { person, prng, req, run, T0, testConfig } from './fixtures/traffic.ts'

describe('bot.dos', () => {
  it('flags a flood above the ceiling, with the rate in the explanation', () => {
    const flood = Array.from({ length: 3000 }, (_, i) => req({ ts: T0 + i * 10, source_ip: '203.0.113.30', url_path: '/search', url_query: `q=${i}` }))
    const found = run([createDosDetector(testConfig())], flood)
    const ip = found.find((d) => d.entity.type === 'ip')
    expect(ip?.threat).toBe('OAT-015')
    expect(ip?.count).toBe(3000 - 599)
    expect(ip?.explanation).toBe('up to 3,000 requests in 30 s (100/s), 5.0× the ceiling of 600')
    expect(ip?.score).toBe(95)
  })

  it('leaves an office behind one NAT alone, assets included', () => {
    const rand = prng(2)
    const office = Array.from({ length: 40 }, (_, i) => person({ ip: '192.0.2.1', session: `o${i}`, start: T0 + i * 1000, pages: 40, rand, think: [3, 15] }))
    expect(run([createDosDetector(testConfig())], ...office)).toEqual([])
  })
})
