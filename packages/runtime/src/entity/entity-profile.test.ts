import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDetection, emptyAppEvent, emptyHttpEvent, isVigilError } from '@vigil/core'
import type { AppEvent, HttpEvent } from '@vigil/core'
import { DuckDbStore } from '@vigil/storage-duckdb'
import { buildEntityProfile, parseEntityRef } from './entity-profile.ts'

const T0 = Date.parse('2026-03-02T10:00:00Z')

function appEvent(line: number, fields: Partial<AppEvent>): AppEvent {
  return { ...emptyAppEvent('events.ndjson', line, '{}'), event_id: `a${line}`, ts: T0 + line * 1000, ...fields }
}
function httpEvent(line: number, fields: Partial<HttpEvent>): HttpEvent {
  return { ...emptyHttpEvent('combined', 'access.log', line, 'GET /'), event_id: `h${line}`, ts: T0 + line * 1000, ...fields }
}

describe('entity profile', () => {
  let store: DuckDbStore
  beforeEach(async () => {
    store = await DuckDbStore.open(':memory:')
    await store.commitBatch(
      {
        app: [
          appEvent(1, { event_action: 'account.login', event_outcome: 'success', user_id: 'alice', user_name: 'alice', device_id: 'dev-a', source_ip: '84.1.1.1' }),
          appEvent(3, { event_action: 'account.email_change', event_outcome: 'success', user_id: 'alice', device_id: 'dev-x', source_ip: '185.1.1.1' }),
          appEvent(4, { event_action: 'payment.method_add', event_outcome: 'success', user_id: 'alice', card_fingerprint: 'card-9', device_id: 'dev-x' }),
          appEvent(5, { event_action: 'account.login', event_outcome: 'success', user_id: 'bob', device_id: 'dev-b' }),
        ],
        http: [httpEvent(2, { user_name: 'alice', http_request_method: 'POST', url_path: '/login', http_response_status_code: 200, source_ip: '84.1.1.1' })],
        quarantine: [],
      },
      { source_key: 'k', path: 'p', format: 'app-ndjson', lines_done: 5, updated_at: T0 },
    )
    await store.upsertDetections([
      buildDetection({ detector: 'account.takeover', threat: 'ato', category: 'account_takeover', entity: { type: 'account', value: 'alice' }, score: 80, firstSeenMs: T0, lastSeenMs: T0, count: 3, explanation: 'chain of 3 steps', evidence: [] }),
    ])
  })
  afterEach(async () => store.close())

  it('profiles an account: span, counts, risk with its reason, timeline in order, links', async () => {
    const p = await buildEntityProfile(store, { type: 'account', value: 'alice' })
    expect(p.first_seen).toBe(new Date(T0 + 1000).toISOString())
    expect(p.last_seen).toBe(new Date(T0 + 4000).toISOString())
    expect([p.app_events, p.http_events]).toEqual([3, 1])
    expect(p.risk.score).toBe(80)
    expect(p.risk.reasons[0]?.explanation).toBe('chain of 3 steps')
    expect(p.timeline.map((t) => t.what)).toEqual(['account.login', 'POST /login 200', 'account.email_change', 'payment.method_add'])
    expect(p.links).toEqual(expect.arrayContaining([
      { type: 'device', value: 'dev-x', events: 2 },
      { type: 'card', value: 'card-9', events: 1 },
    ]))
    expect(p.links.some((l) => l.value === 'dev-b')).toBe(false)
  })

  it('treats a quote in the value as data, not SQL', async () => {
    const p = await buildEntityProfile(store, { type: 'account', value: "x' OR '1'='1" })
    expect([p.app_events, p.http_events, p.timeline.length]).toEqual([0, 0, 0])
  })

  it('rejects unknown types and malformed ASNs with a usage error', () => {
    for (const [t, v] of [['planet', 'x'], ['asn', 'AS13335'], ['account', '']] as const) {
      try {
        parseEntityRef(t, v)
        expect.unreachable()
      } catch (e) {
        expect(isVigilError(e) && e.code).toBe('VIGIL_ERR_CLI_USAGE')
      }
    }
    expect(parseEntityRef('asn', '13335')).toEqual({ type: 'asn', value: '13335' })
  })
})
