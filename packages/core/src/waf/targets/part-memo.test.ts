import { describe, expect, it } from 'vitest'
import { DEFAULT_WAF_LIMITS } from '../limits.ts'
import { addUrlEncoded, TargetSink, type PartKind, type PartMemo } from './extract.ts'

/** A memo that knows nothing and records what it is offered. */
function recordingMemo(): PartMemo & { offered: Array<[string, PartKind, number]> } {
  const offered: Array<[string, PartKind, number]> = []
  return { offered, get: () => undefined, offer: (text, kind, tally) => void offered.push([text, kind, tally]) }
}
const readQuery = (sink: TargetSink, text: string): void => addUrlEncoded(sink, text, 'args')

describe('the part memo', () => {
  it('is not offered a query string holding a value seen for the first time, and is offered it once every value is known', () => {
    const memo = recordingMemo()
    const firstSightings = new Set(['new+search'])
    const sink = new TargetSink(
      DEFAULT_WAF_LIMITS,
      (_prefix, _label, _encoded, _kind, raw) => {
        if (firstSightings.delete(raw)) sink.fresh++
      },
      memo,
    )
    sink.part('query', 'q=new+search&page=2', readQuery)
    expect(memo.offered).toEqual([])
    // The same text again, its search now known: offered with its two parameters and four targets.
    sink.reset()
    sink.part('query', 'q=new+search&page=2', readQuery)
    expect(memo.offered).toEqual([['q=new+search&page=2', 'query', (2 << 16) | 4]])
  })

  it('is not offered a part with a finding, however well known its values', () => {
    const memo = recordingMemo()
    const sink = new TargetSink(
      DEFAULT_WAF_LIMITS,
      (_prefix, _label, _encoded, _kind, raw) => {
        if (raw.includes("'")) sink.findings++
      },
      memo,
    )
    sink.part('query', "q=1'+or+'1'='1&page=2", readQuery)
    expect(memo.offered).toEqual([])
  })
})
