import { describe, expect, it } from 'vitest'
import { classifyUserAgent } from './user-agent.ts'
import { parseUaRules } from './user-agent-rules.ts'

// A small rule file exercising each rule feature; the shipped rules are tested in the runtime.
const rules = parseUaRules(
  `
as_of: 2026-11
max_length: 256
browsers:
  - { names: [Chrome, Edge], min_major: 100, max_major: 170 }
bots:
  - kind: scanner
    rules: [sqlmap]
  - kind: ai_crawler
    rules: [GPTBot]
  - kind: crawler
    rules:
      - Googlebot
      - { name: "*", contains: [bot], token_end: true, not_contains: [cubot] }
  - kind: automation
    rules:
      - { name: curl, starts_with: [curl/] }
`,
  'test-rules.yaml',
)

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36'

describe('classifyUserAgent', () => {
  it('parses a browser and leaves it unflagged', () => {
    const info = classifyUserAgent(CHROME, rules)
    expect(info).toMatchObject({ name: 'Chrome', osName: 'Windows', botKind: null, botName: null, staleVersion: null })
    expect(info.version).toMatch(/^142\./)
  })

  it('names the first matching rule in priority order', () => {
    expect(classifyUserAgent('sqlmap/1.7 (https://sqlmap.org) Googlebot', rules)).toMatchObject({ botName: 'sqlmap', botKind: 'scanner' })
    expect(classifyUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1)', rules)).toMatchObject({
      botName: 'Googlebot',
      botKind: 'crawler',
      botEvidence: 'Googlebot',
    })
  })

  it('reports the product token for a generic match, only at a token end', () => {
    expect(classifyUserAgent('Mozilla/5.0 (compatible; FooBot/1.0)', rules)).toMatchObject({ botName: 'FooBot', botKind: 'crawler' })
    expect(classifyUserAgent('fuboTV/4.75.0 (Linux;Android 9)', rules).botKind).toBeNull()
    expect(classifyUserAgent('Mozilla/5.0 (Linux; Android 9; CUBOT X19) Chrome/120.0.0.0', rules).botKind).toBeNull()
  })

  it('matches starts_with only at the start', () => {
    expect(classifyUserAgent('curl/8.5.0', rules)).toMatchObject({ botName: 'curl', botKind: 'automation' })
    expect(classifyUserAgent('not curl/8.5.0', rules).botKind).toBeNull()
  })

  it('flags browser versions outside the plausible bounds', () => {
    expect(classifyUserAgent(CHROME.replace('142.0', '79.0'), rules).staleVersion).toMatchObject({ browser: 'Chrome', major: 79, reason: 'too_old' })
    expect(classifyUserAgent(CHROME.replace('142.0', '420.0'), rules).staleVersion).toMatchObject({ reason: 'too_new', maxMajor: 170 })
  })

  it('examines only max_length characters of a 100 KB user agent', () => {
    const info = classifyUserAgent(`${'A'.repeat(100_000)} GPTBot/1.0`, rules)
    expect(info).toMatchObject({ truncated: true, botKind: null })
    expect(classifyUserAgent(`GPTBot/1.0 ${'('.repeat(100_000)}`, rules)).toMatchObject({ truncated: true, botName: 'GPTBot' })
  })

  it('keeps the token of a pathological generic match bounded', () => {
    const info = classifyUserAgent('bot.'.repeat(25_000), rules)
    expect(info.botName!.length).toBeLessThanOrEqual(256)
  })
})

describe('parseUaRules', () => {
  it.each([
    ['not: [valid', /not valid YAML/],
    ['as_of: x\nmax_length: 1024\nbrowsers: []\nbots: [{ kind: robot, rules: [x1] }]', /bots\.0\.kind/],
    ['as_of: x\nmax_length: 1024\nbrowsers: []\nbots: []\nextra: 1', /extra|Unrecognized/],
  ])('rejects a malformed file with VIGIL_ERR_DATA_INVALID and the key', (text, message) => {
    expect(() => parseUaRules(text, 'bad.yaml')).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_DATA_INVALID', message: expect.stringMatching(message) }))
  })

  it('lower-cases patterns and defaults contains to the name', () => {
    const r = parseUaRules('as_of: x\nmax_length: 1024\nbrowsers: []\nbots: [{ kind: crawler, rules: [AhrefsBot, { name: Yandex }] }]', 'r.yaml')
    expect(r.rules.map((x) => x.contains)).toEqual([['ahrefsbot'], ['yandex']])
  })
})
