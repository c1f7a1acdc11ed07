import { describe, expect, it } from 'vitest'
import { parseAsctime, parseClfTime, parseEpochTime, parseIsoTime, parseTimestamp } from './time.ts'

const T = Date.UTC(2026, 10, 25, 10, 0, 0)

describe('time parsing', () => {
  it('reads CLF times with their zone', () => {
    expect(parseClfTime('10/Oct/2000:13:55:36 -0700')).toBe(Date.UTC(2000, 9, 10, 20, 55, 36))
    expect(parseClfTime('25/Nov/2026:11:30:00 +0130')).toBe(T)
    expect(parseClfTime('31/Feb/2026:10:00:00 +0000')).toBeNull()
    expect(parseClfTime('25/Nov/2026:10:00:00')).toBeNull()
    expect(parseClfTime('25/Xyz/2026:10:00:00 +0000')).toBeNull()
    expect(parseClfTime('25/Nov/2026:24:00:00 +0000')).toBeNull()
  })

  it('reads CLF times with a fraction of a second, as Apache usec_frac and ModSecurity 2 write them', () => {
    expect(parseClfTime('25/Nov/2026:11:30:00.094724 +0130')).toBe(T + 94)
    expect(parseClfTime('25/Nov/2026:10:00:00.5 +0000')).toBe(T + 500)
    expect(parseTimestamp('[25/Nov/2026:10:00:00.123 +0000]')).toBe(T + 123)
    expect(parseClfTime('25/Nov/2026:10:00:00. +0000')).toBeNull()
    expect(parseClfTime('25/Nov/2026:10:00:00.12x4 +0000')).toBeNull()
    expect(parseClfTime('25/Nov/2026:10:00:00.1234567890 +0000')).toBeNull()
    expect(parseClfTime('25/Nov/2026:10:00:00,123 +0000')).toBeNull()
  })

  it('reads ISO 8601 with fractions, offsets or no zone', () => {
    expect(parseIsoTime('2026-11-25T10:00:00Z')).toBe(T)
    expect(parseIsoTime('2026-11-25T10:00:00.123456789Z')).toBe(T + 123)
    expect(parseIsoTime('2026-11-25 11:00:00+01:00')).toBe(T)
    expect(parseIsoTime('2026-11-25T05:00:00-0500')).toBe(T)
    expect(parseIsoTime('2026-11-25T10:00:00')).toBe(T)
    expect(parseIsoTime('2026-11-25')).toBe(Date.UTC(2026, 10, 25))
    expect(parseIsoTime('2026-13-25T10:00:00Z')).toBeNull()
    expect(parseIsoTime('2026-11-25T10:00:00+25:00')).toBeNull()
    expect(parseIsoTime('yesterday')).toBeNull()
  })

  it('tells Unix seconds, milliseconds, microseconds and nanoseconds apart', () => {
    expect(parseEpochTime(1795600800)).toBe(T)
    expect(parseEpochTime(1795600800.5)).toBe(T + 500)
    expect(parseEpochTime(1795600800123)).toBe(T + 123)
    expect(parseEpochTime(1795600800123456)).toBe(T + 123)
    expect(parseEpochTime(1795600800123456789)).toBe(T + 123)
    expect(parseEpochTime(-1)).toBeNull()
    expect(parseEpochTime(Number.NaN)).toBeNull()
  })

  it('reads asctime with a space-padded day as UTC', () => {
    expect(parseAsctime('Wed Nov 25 10:00:00 2026')).toBe(T)
    expect(parseAsctime('Thu Nov  5 10:00:00 2026')).toBe(Date.UTC(2026, 10, 5, 10))
    expect(parseAsctime('Wed Foo 25 10:00:00 2026')).toBeNull()
  })

  it('parseTimestamp accepts any of them', () => {
    expect(parseTimestamp('1795600800')).toBe(T)
    expect(parseTimestamp(1795600800123)).toBe(T + 123)
    expect(parseTimestamp('[25/Nov/2026:10:00:00 +0000]')).toBe(T)
    expect(parseTimestamp('25/Nov/2026:10:00:00 +0000')).toBe(T)
    expect(parseTimestamp(' 2026-11-25T10:00:00Z ')).toBe(T)
    expect(parseTimestamp('Wed Nov 25 10:00:00 2026')).toBe(T)
    expect(parseTimestamp({})).toBeNull()
    expect(parseTimestamp('')).toBeNull()
  })

  it('rejects adversarial input without backtracking', () => {
    // The length guards reject before any pattern runs; the patterns themselves are anchored and fixed-width.
    expect(parseTimestamp(`2026-11-25T10:00:00${'0'.repeat(100_000)}`)).toBeNull()
    expect(parseIsoTime(`${'1'.repeat(39)}`)).toBeNull()
    expect(parseAsctime(`Wed Nov ${' '.repeat(20)}`)).toBeNull()
  })
})
