/**
 * Application events (DESIGN.md §2): one ECS-style JSON object per line with
 * `@timestamp` and `event.action` required. Fields with a column go there; everything
 * else is kept, flattened to dotted keys, in `attributes`, so unknown actions and
 * fields are stored, never dropped.
 * @module
 */
import { emptyAppEvent } from '../../events/app-event.ts'
import type { AppEvent } from '../../events/app-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseIsoTime, parseTimestamp } from '../time.ts'
import { createJsonLineParser, flattenRecord } from './json-record.ts'
import { errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

type StringColumn = {
  [K in keyof AppEvent]: AppEvent[K] extends string | null ? (string extends AppEvent[K] ? K : never) : never
}[keyof AppEvent]

/** Source key → string column. Numbers (card.bin 411111, card.last4 4242) are kept as their digits. */
const STRING_COLUMNS: ReadonlyArray<readonly [string, StringColumn]> = [
  ['event.reason', 'event_reason'],
  ['user.id', 'user_id'],
  ['user.name', 'user_name'],
  ['user.email', 'user_email'],
  ['user.phone_hash', 'user_phone_hash'],
  ['source.ip', 'source_ip'],
  ['user_agent.original', 'user_agent_original'],
  ['device.id', 'device_id'],
  ['session.id', 'session_id'],
  ['auth.method', 'auth_method'],
  ['card.fingerprint', 'card_fingerprint'],
  ['card.bin', 'card_bin'],
  ['card.last4', 'card_last4'],
  ['order.id', 'order_id'],
  ['order.currency', 'order_currency'],
  ['address.hash', 'address_hash'],
  ['address.country', 'address_country'],
  ['coupon.code', 'coupon_code'],
  ['giftcard.id', 'giftcard_id'],
  ['phone.country', 'phone_country'],
  ['product.id', 'product_id'],
]

const OUTCOMES = new Set(['success', 'failure', 'unknown'])

export function createAppNdjsonParser(options: ParserOptions): RecordParser {
  return createJsonLineParser('app-ndjson', options, (record, line, lineNo): ParseResult => {
    const m = flattenRecord(record)
    const rawTs = m.get('@timestamp')
    if (rawTs === undefined || rawTs === null || rawTs === '') return errorResult(lineNo, '@timestamp is missing', line, options)
    // The contract says ISO 8601; epoch numbers are accepted too because app loggers emit them.
    const ts = typeof rawTs === 'string' ? parseIsoTime(rawTs.trim()) : parseTimestamp(rawTs)
    if (ts === null) return errorResult(lineNo, `@timestamp is not an ISO 8601 time: ${quoteForReason(String(rawTs))}`, line, options)
    const action = m.get('event.action')
    if (typeof action !== 'string' || action.length === 0) {
      return errorResult(lineNo, action === undefined ? 'event.action is missing' : `event.action is not a non-empty string: ${quoteForReason(JSON.stringify(action) ?? '')}`, line, options)
    }
    const ev = emptyAppEvent(options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    ev.ts = ts
    ev.event_action = action
    m.delete('@timestamp')
    m.delete('event.action')

    const outcome = m.get('event.outcome')
    if (typeof outcome === 'string' && OUTCOMES.has(outcome.toLowerCase())) {
      ev.event_outcome = outcome.toLowerCase() as AppEvent['event_outcome']
      m.delete('event.outcome')
    } else if (outcome !== undefined && outcome !== null) {
      ev.event_outcome = 'unknown'
    }
    for (const [key, column] of STRING_COLUMNS) {
      const v = m.get(key)
      if (typeof v === 'string' && v.length > 0) ev[column] = v
      else if (typeof v === 'number' && Number.isFinite(v)) ev[column] = String(v)
      else continue
      m.delete(key)
    }
    const amount = m.get('order.amount')
    const amountNumber = typeof amount === 'number' ? amount : typeof amount === 'string' && amount.length < 40 ? Number(amount) : Number.NaN
    if (Number.isFinite(amountNumber) && amount !== '') {
      ev.order_amount = amountNumber
      m.delete('order.amount')
    }
    ev.attributes = m.size > 0 ? Object.fromEntries(m) : null
    return { kind: 'app', event: ev }
  })
}
