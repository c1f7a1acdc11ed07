import { describe, expect, it } from 'vitest'
import { createBotGuard } from './bots.ts'
import { createGuard, type GuardRequest } from './decide.ts'
import { MemorySink } from './sinks.ts'

const T0 = Date.parse('2026-11-20T10:00:00Z')
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/154.0.0.0 Safari/537.36'
// A small flood ceiling keeps the sequences short; the detector is the one ingest runs.
const DETECT = { dos: { windowSeconds: 10, maxRequests: 50 } }

function request(ip: string, url: string, cookie?: string): GuardRequest {
  return { method: 'GET', url, ip, headers: { 'user-agent': CHROME, ...(cookie === undefined ? {} : { cookie }) } }
}

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = T0
  return { now: () => t, advance: (ms) => (t += ms) }
}

describe('bot detection in the guard', () => {
  it('blocks a flooding IP once its detection is high, and leaves other clients alone', () => {
    const sink = new MemorySink()
    const c = clock()
    const guard = createGuard({ sink, bots: { enabled: true, block: true, detect: DETECT, now: c.now } })
    const actions: string[] = []
    // One page over and over: a flood, not a walk (`?q=0`, `?q=1`, … is an id walk the scraping
    // detector raises first, now that a query picks the page).
    for (let i = 0; i < 200; i++) {
      c.advance(20)
      actions.push(guard.decide(request('203.0.113.9', '/search?q=shoes')).action)
    }
    const firstBlock = actions.indexOf('block')
    expect(firstBlock).toBeGreaterThan(50)
    expect(actions.slice(firstBlock).every((a) => a === 'block')).toBe(true)
    const blocked = guard.decide(request('203.0.113.9', '/'))
    expect(blocked).toMatchObject({ action: 'block', reason: 'bot', detection: { threat: 'OAT-015', entity: { type: 'ip', value: '203.0.113.9' } } })
    expect(guard.decide(request('198.51.100.7', '/'))).toMatchObject({ action: 'allow' })
    const reported = sink.events.filter((e) => e.detection !== undefined)
    expect(reported.length).toBeGreaterThan(0)
    expect(reported[0]?.detection?.explanation).toMatch(/requests in 10 s/)
    expect(guard.stats.blocked).toBe(actions.length - firstBlock + 1)
  })

  it('only reports in monitor mode, and holds a block for holdMinutes after the last evidence', () => {
    const sink = new MemorySink()
    const c = clock()
    const monitor = createGuard({ sink, bots: { enabled: true, detect: DETECT, now: c.now } })
    for (let i = 0; i < 200; i++) {
      c.advance(20)
      expect(monitor.decide(request('203.0.113.9', `/p/${i}`)).action).toBe('allow')
    }
    expect(sink.events.some((e) => e.reason === 'bot' && e.detection?.threat === 'OAT-015')).toBe(true)

    const blocking = createBotGuard({ enabled: true, block: true, detect: DETECT, holdMinutes: 1, now: c.now }, undefined)
    for (let i = 0; i < 200; i++) {
      c.advance(20)
      blocking.observe(request('203.0.113.9', `/p/${i}`))
    }
    expect(blocking.observe(request('203.0.113.9', '/'))).not.toBeNull()
    c.advance(61_000)
    expect(blocking.observe(request('203.0.113.9', '/'))).toBeNull()
  })

  it('raises the same scraping detection as ingest: a cookieless sequential catalog walk', () => {
    const sink = new MemorySink()
    const c = clock()
    const guard = createGuard({ sink, bots: { enabled: true, now: c.now } })
    for (let i = 0; i < 300; i++) {
      c.advance(2000)
      guard.decide(request('192.0.2.44', `/product/${1000 + i}`))
    }
    // The window closes (10 minutes by default) on the client's next request.
    c.advance(11 * 60_000)
    guard.decide(request('192.0.2.44', '/'))
    const scraping = sink.events.map((e) => e.detection).filter((d) => d?.threat === 'OAT-011' && d.entity.type === 'ip')
    expect(scraping[0]?.entity.value).toBe('192.0.2.44')
    expect(scraping[0]?.explanation).toMatch(/sequential ids/)
  })

  it('keys sessions by the session cookie, and keeps its blocked set bounded', () => {
    const c = clock()
    const bots = createBotGuard({ enabled: true, block: true, detect: DETECT, maxBlocked: 2, now: c.now }, undefined)
    for (let i = 0; i < 200; i++) {
      c.advance(20)
      for (const n of [1, 2, 3]) bots.observe(request(`203.0.113.${n}`, `/p/${i}`, `theme=dark; sid=s${n}`))
    }
    expect(bots.blocked).toBe(2)
    expect(bots.observe(request('198.51.100.200', '/', 'sid=s3'))?.entity).toEqual({ type: 'session', value: 's3' })
  })

  it('takes malformed and oversized requests without throwing', () => {
    const c = clock()
    const bots = createBotGuard({ enabled: true, block: true, now: c.now }, undefined)
    const odd: GuardRequest[] = [
      { method: 'OPTIONS', url: '*', headers: {} },
      { method: 'GET', url: `/${'%'.repeat(100_000)}?${'a='.repeat(50_000)}`, headers: { cookie: ['sid=a', 'sid=b'], 'user-agent': 'x'.repeat(100_000) }, ip: 'not an ip' },
      { method: 'GET', url: 'http://evil.example/abs?x=1', headers: { referer: '' }, ip: '::1' },
    ]
    for (const r of odd) {
      c.advance(1000)
      expect(bots.observe(r)).toBeNull()
    }
  })

  it('is off unless enabled', () => {
    const sink = new MemorySink()
    const guard = createGuard({ sink, config: { mode: 'block', timeBudgetMs: 10_000 } })
    const actions = new Set<string>()
    for (let i = 0; i < 2000; i++) actions.add(guard.decide(request('203.0.113.9', `/p/${i}`)).action)
    expect([...actions]).toEqual(['allow'])
    expect(sink.events.filter((e) => e.reason === 'bot')).toEqual([])
  })
})
