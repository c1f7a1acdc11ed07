/**
 * Console API latency on a large store: N synthetic HTTP events (default 2,000,000) and
 * a few thousand detections, written straight into the store's tables with SQL so the
 * set-up takes seconds, then every endpoint the pages call, through Fastify inject().
 * Run: npx tsx bench/console/api-latency.ts [events]
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { DuckDbStore } from '../../packages/storage-duckdb/src/index.ts'
import { buildConsole } from '../../packages/server/src/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'

const EVENTS = Number(process.argv[2] ?? 2_000_000)
const DETECTIONS = 5000
const ROUNDS = 3
const START = Date.UTC(2026, 10, 1)
const HOURS = 24 * 7

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-console-'))
const path = join(dir, 'bench.duckdb')
try {
  await (await DuckDbStore.open(path)).close()
  const instance = await DuckDBInstance.create(path)
  const conn = await instance.connect()
  await conn.run(`INSERT INTO http_events (event_id, ts, source_ip, http_request_method, url_original, url_path,
      http_response_status_code, user_agent_original, source_as_number, source_as_organization_name,
      source_geo_country_iso_code, session_id, log_format, log_file, log_line, message)
    SELECT 'e' || i, to_timestamp(${START / 1000} + i * ${(HOURS * 3600) / EVENTS}),
      '10.' || (i % 250) || '.' || ((i // 250) % 250) || '.' || (i % 7), 'GET', '/product/' || (i % 5000), '/product/' || (i % 5000),
      CASE WHEN i % 17 = 0 THEN 403 WHEN i % 31 = 0 THEN 429 ELSE 200 END, 'Mozilla/5.0 bench ' || (i % 40),
      64500 + (i % 300), 'AS ' || (i % 300), ['DE','FR','US','NL','BR','IN'][1 + i % 6], 's' || (i % 100000),
      'combined', 'bench.log', i, 'line ' || i
    FROM range(${EVENTS}) t(i)`)
  await conn.run(`INSERT INTO detections SELECT 'd' || i, 'bot.scraping', ['OAT-011','OAT-008','sqli','xss'][1 + i % 4], 'c' || (i % 4),
      'ip', '10.' || (i % 250) || '.' || ((i // 250) % 250) || '.' || (i % 7), 10 + (i % 90),
      ['low','medium','high','critical'][1 + i % 4], to_timestamp(${START / 1000} + i * 100), to_timestamp(${START / 1000} + i * 100 + 600),
      10 + i, 'bench detection ' || i, '[]', '[{"type":"session","value":"s' || i || '"}]'
    FROM range(${DETECTIONS}) t(i)`)
  conn.closeSync()
  instance.closeSync()

  const store = await DuckDbStore.open(path, { readOnly: true })
  const app = await buildConsole({ store, tokens: null })
  const filters = encodeURIComponent(JSON.stringify([{ field: 'source_geo_country_iso_code', value: 'DE' }, { field: 'http_response_status_code', value: 200, exclude: true }]))
  const calls: [string, string][] = [
    ['overview', '/api/overview'],
    ['traffic series (all data)', '/api/series/traffic'],
    ['detections by severity series', '/api/series/detections'],
    ['top attacking IPs', '/api/top?field=source_ip&scope=attacking'],
    ['top ASNs (all traffic)', '/api/top?field=source_as_number'],
    ['detections page, filtered', '/api/detections?min_score=50&q=bench'],
    ['entity profile (IP)', '/api/entity?type=ip&value=10.1.0.1'],
    ['events page 1, two filters', `/api/events?filters=${filters}`],
    ['events page 1000, no filter', '/api/events?offset=49950'],
    ['events, text search', '/api/events?q=line%2012345'],
  ]
  const rows: string[] = []
  for (const [name, url] of calls) {
    const times: number[] = []
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now()
      const res = await app.inject({ method: 'GET', url })
      times.push(performance.now() - t0)
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    }
    times.sort((a, b) => a - b)
    rows.push(`| ${name} | \`${url.length > 60 ? `${url.slice(0, 57)}…` : url}\` | ${times[Math.floor(ROUNDS / 2)]!.toFixed(0)} | ${times[ROUNDS - 1]!.toFixed(0)} |`)
    process.stderr.write(`${rows[rows.length - 1]}\n`)
  }
  await app.close()
  await store.close()
  writeResultsSection(
    'console-api',
    `## Console API latency (bench/console/api-latency.ts)

${machineLine()}
Store: ${EVENTS.toLocaleString('en-US')} HTTP events over ${HOURS / 24} days, ${DETECTIONS.toLocaleString('en-US')} detections; Fastify inject(), no network; ${ROUNDS} rounds per call.

| call | request | median ms | max ms |
| --- | --- | ---: | ---: |
${rows.join('\n')}`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
