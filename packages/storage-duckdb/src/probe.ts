import { emptyHttpEvent } from '@vigil/core'
import { DuckDbStore } from './index.ts'
import { rmSync } from 'node:fs'
rmSync('/tmp/ing/b.duckdb', { force: true }); rmSync('/tmp/ing/b.duckdb.wal', { force: true })
const s = await DuckDbStore.open('/tmp/ing/b.duckdb')
const N = 200_000
const evs = []
for (let i = 0; i < N; i++) {
  const e = emptyHttpEvent('combined', 'x.log', i + 1, `1.2.3.${i % 250} - - [x] "GET /p/${i} HTTP/1.1" 200 123 "-" "Mozilla/5.0 ${i % 1000}"`)
  e.event_id = `abc:${i + 1}`; e.ts = 1.7e12 + i * 1000; e.source_ip = `1.2.3.${i % 250}`; e.http_request_method = 'GET'; e.url_original = `/p/${i}`; e.url_path = `/p/${i}`
  e.http_response_status_code = 200; e.http_response_bytes = 123; e.user_agent_original = `Mozilla/5.0 ${i % 1000}`; e.source_as_number = 1234; e.source_ip_flags = i % 10 ? null : ['cloud']; e.labels = i % 3 ? null : { rt: '0.1' }
  evs.push(e)
}
const t = performance.now()
for (let off = 0; off < N; off += 50_000) await s.commitBatch({ http: evs.slice(off, off + 50_000), app: [], quarantine: [] }, { source_key: 'k', path: 'x', format: 'combined', lines_done: off + 50_000, updated_at: Date.now() })
const dt = (performance.now() - t) / 1000
console.log('rows/s', Math.round(N / dt), 'rss MB', Math.round(process.memoryUsage().rss / 2 ** 20))
console.log(await s.query('select count(*) n, min(ts) t0, count(labels) l, count(source_ip_flags) f, sum(http_response_bytes) b, max(ts) > now() - interval 1 hour as recent from http_events'))
let n = 0; for await (const b of s.scanHttpEvents({ batchSize: 100000 })) n += b.length
console.log('scanned', n)
await s.close()
