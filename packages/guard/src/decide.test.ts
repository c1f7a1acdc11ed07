import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { createGuard } from './decide.ts'
import { MemorySink } from './sinks.ts'

describe('decide', () => {
  const big = { method: 'POST', url: '/api', headers: { 'content-type': 'text/plain' }, body: "x' OR '1'='1 ".repeat(40_000) }

  it('treats a time-budget overrun as an error: fail closed', () => {
    const sink = new MemorySink()
    const guard = createGuard({ config: { timeBudgetMs: 0.1, onError: 'closed' }, sink })
    expect(guard.decide(big)).toMatchObject({ action: 'block', reason: 'fail-closed' })
    expect(sink.events[0]?.error).toMatch(/time budget exceeded/)
    expect(guard.stats.errors).toBe(1)
  })

  it('treats a time-budget overrun as an error: fail open', () => {
    const guard = createGuard({ config: { timeBudgetMs: 0.1, onError: 'open' } })
    expect(guard.decide(big)).toMatchObject({ action: 'allow', reason: 'fail-open' })
  })

  it('serializes a parsed body back to JSON for inspection', () => {
    const guard = createGuard({ config: { mode: 'block', timeBudgetMs: 10_000 } })
    const d = guard.decide({ method: 'POST', url: '/', headers: {}, body: { q: { $ne: null } } })
    expect(d).toMatchObject({ action: 'block', reason: 'waf' })
  })

  it('rejects a bad allow-list entry at construction', () => {
    expect(() => createGuard({ config: { allow: { ips: ['not-an-ip'] } } })).toThrow(/not-an-ip/)
  })
})

describe('dependency closure', () => {
  it('pulls in no database and no server', () => {
    const require = createRequire(import.meta.url)
    const seen = new Set<string>()
    const queue = ['@vigil/guard']
    while (queue.length > 0) {
      const name = queue.pop()!
      if (seen.has(name)) continue
      seen.add(name)
      let manifest: { dependencies?: Record<string, string> }
      try {
        manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as typeof manifest
      } catch {
        // Packages whose exports hide package.json: find it beside the entry point.
        const entry = require.resolve(name)
        const root = entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length)
        manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as typeof manifest
      }
      queue.push(...Object.keys(manifest.dependencies ?? {}))
    }
    expect(seen.has('@vigil/core')).toBe(true)
    expect([...seen].filter((n) => n.startsWith('@duckdb') || n === '@vigil/storage-duckdb' || n === '@vigil/server' || n === '@vigil/runtime')).toEqual([])
  })
})
