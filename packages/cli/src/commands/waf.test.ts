import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbStore } from '@vigil/storage-duckdb'
import { afterAll, describe, expect, it } from 'vitest'

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

describe('vigil waf scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-waf-scan-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const UA = '"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"'
  const line = (ip: string, minute: number, target: string): string =>
    `${ip} - - [25/Nov/2026:10:${String(minute).padStart(2, '0')}:00 +0000] "GET ${target} HTTP/1.1" 200 512 "-" ${UA}`
  const log = [
    line('198.51.100.7', 1, '/products?id=1%27%20UNION%20SELECT%20username,password%20FROM%20users--'),
    line('198.51.100.7', 2, '/products?id=1%27%20OR%20%271%27=%271'),
    line('203.0.113.9', 3, '/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E'),
    line('203.0.113.9', 4, '/download?file=../../../../etc/passwd'),
    line('192.0.2.10', 5, '/products?q=O%27Reilly+books&page=2'),
    line('192.0.2.10', 6, '/search?q=rock+%26+roll+t-shirt'),
    line('192.0.2.11', 7, '/cart'),
    line('192.0.2.11', 8, '/api/reviews?sort=-date&filter=stars%3E3'),
  ].join('\n')

  const scan = (db: string, logFile: string): { status: number | null; out: Record<string, number>; stderr: string } => {
    const run = spawnSync(process.execPath, [BIN, 'waf', 'scan', '--db', db, '--json', logFile], { encoding: 'utf8', timeout: 120_000 })
    return { status: run.status, out: run.status === 0 ? (JSON.parse(run.stdout) as Record<string, number>) : {}, stderr: run.stderr }
  }

  it('stores one detection per client IP and category, threat = category, and a re-run changes nothing', async () => {
    const logFile = join(dir, 'access.log')
    writeFileSync(logFile, `${log}\n`)
    const db = join(dir, 'store.duckdb')
    const first = scan(db, logFile)
    expect(first.status, first.stderr).toBe(0)
    expect(first.out).toMatchObject({ requests: 8, flagged: 4, detections: 3 })

    const second = scan(db, logFile)
    expect(second.status, second.stderr).toBe(0)
    expect(second.out).toMatchObject({ requests: 8, flagged: 4, detections: 3 })

    const store = await DuckDbStore.open(db)
    try {
      const found = (await store.listDetections()).filter((d) => d.detector.startsWith('waf.'))
      const summary = found.map((d) => ({ ip: d.entity.value, threat: d.threat, detector: d.detector, count: d.count })).sort((a, b) => `${a.ip}${a.threat}`.localeCompare(`${b.ip}${b.threat}`))
      expect(summary).toEqual([
        { ip: '198.51.100.7', threat: 'sqli', detector: 'waf.sqli', count: 2 },
        { ip: '203.0.113.9', threat: 'path_traversal', detector: 'waf.path_traversal', count: 1 },
        { ip: '203.0.113.9', threat: 'xss', detector: 'waf.xss', count: 1 },
      ])
      for (const d of found) expect(d.category).toBe('web_attack')
      expect(found.find((d) => d.threat === 'sqli')?.explanation).toMatch(/^198\.51\.100\.7 sent 2 requests with SQL injection/)
    } finally {
      await store.close()
    }
  }, 240_000)
})
