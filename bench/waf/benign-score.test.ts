import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_WAF_LEVEL, WAF_LEVELS } from '../../packages/core/src/waf/index.ts'
import { type Benign, blockedByRule, scoreHalves, topRules } from './benign-score.ts'

const request = (id: string, q: string, holdout: boolean): Benign & { holdout: boolean } => ({
  id,
  kind: 'search',
  holdout,
  method: 'GET',
  uri: `/search?q=${encodeURIComponent(q)}`,
  headers: { host: 'shop.example', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0' },
})

// The same script tag in each half, so each half has a request the engine blocks; the look-alikes (a search for the
// word "script", a product named with angle brackets in prose) are blocked by none.
const requests = [
  request('dev-blocked', '<script>alert(1)</script>', false),
  request('dev-benign', 'script writing course', false),
  request('held-blocked', '<script>alert(1)</script>', true),
  request('held-benign', 'a < b and c > d maths workbook', true),
]

afterEach(() => vi.restoreAllMocks())

describe('scoreHalves', () => {
  it('records which rules block the development half but only how many requests of the hold-out', () => {
    const [dev, held] = scoreHalves('t', requests, null)
    expect(dev.blocked).toEqual(WAF_LEVELS.map(() => 1))
    expect(held.blocked).toEqual(WAF_LEVELS.map(() => 1))
    expect(dev.rules[DEFAULT_WAF_LEVEL - 1]!.size).toBeGreaterThan(0)
    expect(dev.examples).toHaveLength(1)
    expect(held.rules.every((m) => m.size === 0)).toBe(true)
    expect(held.examples).toEqual([])
  })

  it('prints the development half’s false positives at --fps, never the hold-out’s', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    scoreHalves('t', requests, DEFAULT_WAF_LEVEL)
    const printed = log.mock.calls.map((c) => c.join(' '))
    expect(printed.some((l) => l.includes('dev-blocked'))).toBe(true)
    expect(printed.some((l) => l.includes('held-'))).toBe(false)
  })
})

describe('topRules', () => {
  it('names rules for the development half and gives the hold-out only its blocked count and rate per level', () => {
    const halves = scoreHalves('t', requests, null)
    const rule = [...halves[0].rules[DEFAULT_WAF_LEVEL - 1]!.keys()][0]!
    const rows = topRules(halves).split('\n')
    const devRow = rows.find((l) => l.startsWith('| t development |'))!
    const heldRow = rows.find((l) => l.startsWith('| t hold-out |'))!
    expect(devRow).toContain(`\`${rule}\` 1`)
    expect(heldRow).toBe(`| t hold-out | ${WAF_LEVELS.map(() => '1/2 = 50.0% blocked').join(' | ')} |`)
    expect(heldRow).not.toContain('waf.')
  })
})

describe('blockedByRule', () => {
  it('refuses a hold-out, whose rules are not recorded', () => {
    const [dev, held] = scoreHalves('t', requests, null)
    expect(blockedByRule(dev)).toContain('dev-blocked')
    expect(() => blockedByRule(held)).toThrow(/hold-out/)
  })
})
