import { describe, expect, it } from 'vitest'
import type { DetectionSink } from '../detector.ts'
import { ClientRecords } from '../state/client-records.ts'
import { acted, beginVisit, noteWrite, VisitTable, type Visit } from './visits.ts'

const GAP = 60_000
const sink: DetectionSink = { report: () => {} }
const ip = (n: number) => ({ key: `ip:10.0.0.${n}`, ref: { type: 'ip' as const, value: `10.0.0.${n}` } })

function table() {
  const ended: Array<{ v: Visit; sink: DetectionSink | null; landing: string }> = []
  const visits = new VisitTable<Visit>(new ClientRecords(), 100, GAP, (v, s) => ended.push({ v, sink: s, landing: v.landing }))
  const open = (n: number, ts: number, landing: string): Visit => {
    const v = beginVisit(visits.blank(() => ({}) as Visit), ip(n), 'UA', ts, landing, '', '/products/', false)
    visits.open(ip(n).key, v, ts)
    return v
  }
  return { visits, ended, open }
}

describe('visit table', () => {
  it('ends a visit quiet past the gap at its address next request, with the sink in hand, and continues one within it', () => {
    const { visits, ended, open } = table()
    open(1, 0, '/a')
    expect(visits.continued(ip(1).key, GAP, sink)?.landing).toBe('/a')
    expect(ended).toHaveLength(0)
    expect(visits.continued(ip(1).key, 2 * GAP + 1, sink)).toBeUndefined()
    expect(ended).toEqual([{ v: expect.anything(), sink, landing: '/a' }])
    expect(visits.size).toBe(0)
  })

  it('sweeps idle visits at most every ten seconds, then reuses their objects for new visits', () => {
    const { visits, ended, open } = table()
    const first = open(1, 0, '/a')
    open(2, 50_000, '/b')
    expect(visits.sweep(GAP + 1, sink)).toBe(true)
    expect(ended.map((x) => [x.landing, x.sink])).toEqual([['/a', sink]])
    expect(visits.sweep(GAP + 5_000, sink)).toBe(false)
    expect(open(3, GAP + 5_000, '/c')).toBe(first)
    visits.flush(sink)
    expect(ended.map((x) => x.landing)).toEqual(['/a', '/b', '/c'])
  })

  it('ends a visit pushed out by the cap with no sink: its cohort names it at the next evaluation', () => {
    const ended: Array<DetectionSink | null> = []
    const visits = new VisitTable<Visit>(new ClientRecords(), 1, GAP, (_v, s) => ended.push(s))
    for (const n of [1, 2]) visits.open(ip(n).key, beginVisit({} as Visit, ip(n), 'UA', n, '/', '', '/', false), n)
    expect(ended).toEqual([null])
  })

  it('takes writes to one path at the pages rate for telemetry and a write elsewhere for an action', () => {
    const v = beginVisit({} as Visit, ip(1), 'UA', 0, '/', '', '/', false)
    for (let i = 0; i < 4; i++) noteWrite(v, '/beacon')
    expect(acted(v, 5)).toBe(false)
    expect(acted(v, 6)).toBe(true)
    noteWrite(v, '/cart/add')
    expect(acted(v, 5)).toBe(true)
  })
})
