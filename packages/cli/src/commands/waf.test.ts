import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const BIN = new URL('../../bin/vigil.js', import.meta.url).pathname

describe('vigil waf check', () => {
  it('answers exactly one line per input line, errors included, and the stream goes on', () => {
    const input = [
      JSON.stringify({ method: 'GET', uri: "/p?id=1'%20OR%20'1'='1" }),
      'not json',
      JSON.stringify({ method: 'GET' }),
      JSON.stringify({ method: 'GET', uri: '/search?q=O%27Reilly', headers: { 'user-agent': 'Mozilla/5.0' } }),
      JSON.stringify({ method: 'POST', uri: '/', headers: { 'content-type': 'application/json' }, body: btoa('{"q":"<svg onload=alert(1)>"}'), body_encoding: 'base64' }),
    ].join('\n')
    const run = spawnSync(process.execPath, [BIN, 'waf', 'check', '--level', '2'], { input, encoding: 'utf8', timeout: 60_000 })
    expect(run.status).toBe(0)
    const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(out).toHaveLength(5)
    expect(out[0]).toMatchObject({ action: 'block', matches: [{ category: 'sqli', target: 'args:id' }] })
    expect(out[1]?.error).toMatch(/not valid JSON/)
    expect(out[2]?.error).toMatch(/uri/)
    expect(out[3]).toEqual({ action: 'allow', score: 0, matches: [] })
    expect(out[4]).toMatchObject({ action: 'block', matches: [{ category: 'xss', target: 'body:json:q' }] })
  })

  it('rejects a bad --level with the usage exit code', () => {
    const run = spawnSync(process.execPath, [BIN, 'waf', 'check', '--level', '9'], { input: '', encoding: 'utf8', timeout: 60_000 })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('--level')
  })
})
