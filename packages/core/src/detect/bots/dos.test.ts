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

  it('counts the first request of an entity: exactly the ceiling in the window is a flood', () => {
    const burst = Array.from({ length: 600 }, (_, i) => req({ ts: T0 + i * 40, source_ip: '203.0.113.31', session_id: null, url_path: '/search', url_query: `q=${i}` }))
    const ip = run([createDosDetector(testConfig())], burst).find((d) => d.entity.type === 'ip')
    expect(ip?.count).toBe(1)
    expect(ip?.explanation).toContain('up to 600 requests in 30 s')
  })

  it('starts a rate taken over from an evicted entity at zero', () => {
    // 599 requests from one address, then just enough others (an address and a rebuilt session
    // each) to push its two rates out of a 100-entity table while its requests are still in the
    // window; the next address takes one of them over.
    const near = Array.from({ length: 599 }, (_, i) => req({ ts: T0 + i * 10, source_ip: '203.0.113.32', session_id: null, url_path: '/search', url_query: `q=${i}` }))
    const others = Array.from({ length: 50 }, (_, i) => req({ ts: T0 + 6000 + i, source_ip: `198.51.100.${i}`, session_id: null, url_path: '/' }))
    const next = Array.from({ length: 2 }, (_, i) => req({ ts: T0 + 7000 + i, source_ip: '203.0.113.33', session_id: null, url_path: '/' }))
    expect(run([createDosDetector(testConfig({ maxEntities: 100 }))], near, others, next)).toEqual([])
  })
})
