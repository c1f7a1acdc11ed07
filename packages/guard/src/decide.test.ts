import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
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
    expect(guard.decide({ ...big, body: 'a plain review of a mug. '.repeat(40_000) })).toMatchObject({ action: 'allow', reason: 'fail-open' })
  })

  it('never lets fail-open pass an attack already found, and reports it in monitor mode', () => {
    const sink = new MemorySink()
    const blocking = createGuard({ config: { timeBudgetMs: 0.1, onError: 'open', mode: 'block' }, sink })
    expect(blocking.decide(big)).toMatchObject({ action: 'block', reason: 'waf' })
    expect(sink.events[0]?.error).toMatch(/time budget exceeded/)
    const monitoring = createGuard({ config: { timeBudgetMs: 0.1, onError: 'open' } })
    expect(monitoring.decide(big)).toMatchObject({ action: 'monitor', reason: 'waf' })
  })

  it('applies the failure policy to a body cut at maxBodyBytes', () => {
    const req = { method: 'POST', url: '/upload', headers: { 'content-type': 'text/plain' }, body: 'a plain note', bodyTruncated: true }
    const sink = new MemorySink()
    const closed = createGuard({ config: { onError: 'closed', timeBudgetMs: 10_000 }, sink })
    expect(closed.decide(req)).toMatchObject({ action: 'block', reason: 'fail-closed' })
    expect(sink.events[0]?.error).toMatch(/larger than maxBodyBytes/)
    const open = createGuard({ config: { onError: 'open', timeBudgetMs: 10_000 } })
    expect(open.decide(req)).toMatchObject({ action: 'allow', reason: 'fail-open' })
    expect(open.decide({ ...req, bodyTruncated: false })).toMatchObject({ action: 'allow', reason: 'clean' })
  })

  it('serializes a parsed body back to JSON for inspection', () => {
    const guard = createGuard({ config: { mode: 'block', timeBudgetMs: 10_000 } })
    const d = guard.decide({ method: 'POST', url: '/', headers: {}, body: { q: { $ne: null } } })
    expect(d).toMatchObject({ action: 'block', reason: 'waf' })
  })

  it('reads a body of bytes in UTF-16 as the UTF-16 text it is, and one in UTF-8 as before', () => {
    const guard = createGuard({ config: { mode: 'block', timeBudgetMs: 10_000 } })
    const req = (text: string, encoding: 'utf16le' | 'utf8') => ({ method: 'POST', url: '/api/checkout', headers: { 'content-type': 'application/json; charset=utf-16' }, body: Buffer.from(text, encoding) })
    expect(guard.decide(req(JSON.stringify({ couponCode: "' OR '1'='1" }), 'utf16le'))).toMatchObject({ action: 'block', reason: 'waf' })
    expect(guard.decide(req(JSON.stringify({ note: "O'Brien, 's-Hertogenbosch" }), 'utf16le'))).toMatchObject({ action: 'allow', reason: 'clean' })
    expect(guard.decide(req(JSON.stringify({ couponCode: "' OR '1'='1" }), 'utf8'))).toMatchObject({ action: 'block', reason: 'waf' })
  })

  it('rejects a bad allow-list entry at construction', () => {
    expect(() => createGuard({ config: { allow: { ips: ['not-an-ip'] } } })).toThrow(/not-an-ip/)
  })
})

type Manifest = { name?: string; dependencies?: Record<string, string> }

/**
 * The package.json of `name`. Where an exports map hides it, walk up from the resolved
 * entry point (workspace packages resolve to their real folders, not node_modules).
 */
function manifestOf(require: NodeRequire, name: string): Manifest {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as Manifest
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e
  }
  const entry = require.resolve(name)
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (!existsSync(file)) continue
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
    if (manifest.name === name) return manifest
  }
  throw new Error(`no package.json named ${name} above ${entry}`)
}

describe('dependency closure', () => {
  it('pulls in no database and no server', () => {
    const require = createRequire(import.meta.url)
    const seen = new Set<string>()
    const queue = ['@vigil/guard']
    while (queue.length > 0) {
      const name = queue.pop()!
      if (seen.has(name)) continue
      seen.add(name)
      const manifest = manifestOf(require, name)
      queue.push(...Object.keys(manifest.dependencies ?? {}))
    }
    expect(seen.has('@vigil/core')).toBe(true)
    expect([...seen].filter((n) => n.startsWith('@duckdb') || n === '@vigil/storage-duckdb' || n === '@vigil/server' || n === '@vigil/runtime')).toEqual([])
  })
})
