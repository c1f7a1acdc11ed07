import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isVigilError } from '../../errors/vigil-error.ts'
import { RULE_PACK_SOURCES } from './packs.generated.ts'
import { renderPacksModule } from './render-packs.ts'
import { loadRulePack } from './rule-pack.ts'

const dir = new URL('./', import.meta.url)
const packs = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/rules.yaml`, dir)))
  .map((d) => [d.name, readFileSync(new URL(`${d.name}/rules.yaml`, dir), 'utf8')] as const)

describe('rule packs', () => {
  it('packs.generated.ts is in sync with the YAML files', () => {
    const expected = renderPacksModule(packs)
    const file = new URL('./packs.generated.ts', dir)
    if (process.env.UPDATE_WAF_PACKS === '1') writeFileSync(file, expected)
    expect(readFileSync(file, 'utf8')).toBe(expected)
  })

  it('every pack loads, and rule ids are unique', () => {
    const ids = Object.entries(RULE_PACK_SOURCES).flatMap(([name, text]) => loadRulePack(name, text).map((r) => r.id))
    expect(ids.length).toBeGreaterThan(30)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('a bad pattern fails at load with a registered code naming the rule', () => {
    const bad = 'category: xss\nrules:\n  - {id: waf.xss.bad, level: 1, score: 5, any: [a], pattern: "(a", explanation: "a broken pattern"}\n'
    try {
      loadRulePack('bad', bad)
      expect.unreachable()
    } catch (e) {
      expect(isVigilError(e) && e.code).toBe('VIGIL_ERR_WAF_RULES_INVALID')
      expect((e as Error).message).toContain('waf.xss.bad')
    }
  })

  it('a rule with backtracking-prone syntax is refused by RE2', () => {
    const bad = 'category: xss\nrules:\n  - {id: waf.xss.backref, level: 1, score: 5, any: [a], pattern: "(a)\\\\1", explanation: "a back reference"}\n'
    expect(() => loadRulePack('bad', bad)).toThrow(/waf\.xss\.backref/)
  })
})
