import { describe, expect, it } from 'vitest'
import type { Detection } from '../../events/detection.ts'
import { DetectionBook, Members, type Finding } from './findings.ts'

const finding = (value: string): Finding => ({
  entity: { type: 'ip', value },
  threat: 'credential_stuffing',
  category: 'credential_stuffing',
  score: 80,
  ts: 1_000,
  windowStart: 0,
  count: 1,
  explanation: 'x',
  evidence: [],
  related: [],
})

describe('Members.takeUnrecorded', () => {
  it('hands each member over once, in arrival order, skipping duplicates', () => {
    const m = new Members()
    m.add({ type: 'session', value: 's1' })
    m.add({ type: 'account', value: 'a1' })
    expect(m.takeUnrecorded().map((r) => r.value)).toEqual(['s1', 'a1'])
    expect(m.takeUnrecorded()).toEqual([])
    m.add({ type: 'session', value: 's1' })
    m.add({ type: 'account', value: 'a2' })
    expect(m.takeUnrecorded().map((r) => r.value)).toEqual(['a2'])
  })

  it('flags every member of a source with it, each once, across events', () => {
    const book = new DetectionBook('account.credential_stuffing', 100)
    const reported: Detection[] = []
    const sink = { report: (d: Detection) => reported.push(d) }
    const m = new Members()
    m.add({ type: 'account', value: 'a1' })
    book.recordMembers(finding('10.0.0.1'), m.takeUnrecorded(), sink)
    m.add({ type: 'account', value: 'a2' })
    book.recordMembers(finding('10.0.0.1'), m.takeUnrecorded(), sink)
    book.recordMembers(finding('10.0.0.1'), m.takeUnrecorded(), sink)
    expect(reported.map((d) => d.entity.value)).toEqual(['a1', 'a2'])
  })
})
