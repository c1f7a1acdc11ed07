import { describe, expect, it } from 'vitest'
import { matchSource, sourceKey } from './fingerprint.ts'

const cp = (key: string, format: string, prefix: number) => ({
  source_key: key,
  path: 'x',
  format,
  lines_done: 10,
  prefix_bytes: prefix,
  updated_at: 0,
})

describe('source identity', () => {
  it('depends on content and format, not on the path', () => {
    const a = Buffer.from('line 1\nline 2\n')
    expect(sourceKey('combined', a)).toBe(sourceKey('combined', Buffer.from(a)))
    expect(sourceKey('combined', a)).not.toBe(sourceKey('common', a))
  })

  it('recognises a grown file through the recorded prefix length', () => {
    const before = Buffer.from('line 1\nline 2\n')
    const grown = Buffer.from('line 1\nline 2\nline 3\n')
    const known = [cp(sourceKey('combined', before), 'combined', before.length)]
    const m = matchSource('combined', grown, known)
    expect(m.checkpoint?.lines_done).toBe(10)
    expect(m.prefixBytes).toBe(before.length)
  })

  it('treats other content, or the same content in another format, as a new source', () => {
    const known = [cp(sourceKey('combined', Buffer.from('aaa\n')), 'combined', 4)]
    expect(matchSource('combined', Buffer.from('bbb\nccc\n'), known).checkpoint).toBeNull()
    const other = matchSource('common', Buffer.from('aaa\nmore\n'), known)
    expect(other.checkpoint).toBeNull()
    expect(other.prefixBytes).toBe(9)
  })
})
