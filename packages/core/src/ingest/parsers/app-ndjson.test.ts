import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { appAt, fixtureLines } from './fixtures/fixture-lines.ts'

const lines = fixtureLines('app.ndjson')
const results = collectResults(createParser('app-ndjson', { ...DEFAULT_PARSER_OPTIONS, file: 'app.ndjson' }), lines)

describe('app-ndjson parser', () => {
  it('yields one result per line', () => {
    expect(results.map((r) => r.kind)).toEqual(['app', 'app', 'app', 'error', 'error', 'error', 'app', 'skip'])
  })

  it('maps a nested login event to its columns and keeps the rest in attributes', () => {
    expect(appAt(results, 1)).toEqual({
      event_id: '',
      ts: Date.UTC(2026, 10, 25, 10, 0, 0),
      event_action: 'account.login',
      event_outcome: 'failure',
      event_reason: 'bad_password',
      user_id: 'u-1',
      user_name: 'alice',
      user_email: 'alice@example.com',
      user_phone_hash: null,
      source_ip: '203.0.113.7',
      user_agent_original: 'Mozilla/5.0',
      device_id: 'fp-1',
      session_id: 's-1',
      auth_method: 'password',
      card_fingerprint: null,
      card_bin: null,
      card_last4: null,
      order_id: null,
      order_amount: null,
      order_currency: null,
      address_hash: null,
      address_country: null,
      coupon_code: null,
      giftcard_id: null,
      phone_country: null,
      product_id: null,
      attributes: { 'geo.city': 'Berlin' },
      source_as_number: null,
      source_as_organization_name: null,
      source_geo_country_iso_code: null,
      source_ip_flags: null,
      log_format: 'app-ndjson',
      log_file: 'app.ndjson',
      log_line: 1,
      message: lines[0],
    })
  })

  it('reads dotted keys, numeric card digits and string amounts', () => {
    expect(appAt(results, 2)).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 9, 0, 1, 500),
      event_action: 'payment.authorize',
      event_outcome: 'success',
      card_fingerprint: 'cf-9',
      card_bin: '411111',
      card_last4: '4242',
      order_id: 'o-1',
      order_amount: 49.9,
      order_currency: 'EUR',
      address_hash: 'ah-1',
      address_country: 'DE',
      attributes: null,
    })
  })

  it('keeps unknown actions and outcomes', () => {
    expect(appAt(results, 3)).toMatchObject({
      event_action: 'loyalty.points_burn',
      event_outcome: 'unknown',
      attributes: { 'event.outcome': 'maybe', points: 500, tags: ['a', 'b'] },
    })
  })

  it('explains missing or bad required fields', () => {
    expect(results[3]).toMatchObject({ kind: 'error', line: 4, reason: '@timestamp is missing' })
    expect(results[4]).toMatchObject({ kind: 'error', line: 5, reason: 'event.action is missing' })
    expect(results[5]).toMatchObject({ kind: 'error', line: 6, reason: "@timestamp is not an ISO 8601 time: '25/11/2026'" })
  })

  it('maps the coupon, gift card, phone and product columns; an amount that is not a number stays an attribute', () => {
    expect(appAt(results, 7)).toMatchObject({
      coupon_code: 'WELCOME10', giftcard_id: 'g-1', phone_country: 'DE', product_id: 'p-1', user_phone_hash: 'ph-1',
      order_amount: null, attributes: { 'order.amount': 'lots' },
    })
  })

  it('is detected', () => {
    expect(detectFormat(lines)).toBe('app-ndjson')
  })
})
