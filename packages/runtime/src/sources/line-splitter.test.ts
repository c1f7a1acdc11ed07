import { describe, expect, it } from 'vitest'
import { LineSplitter } from './line-splitter.ts'

function split(chunks: (string | Buffer)[], max = 1024 * 1024) {
  const out: (string | { tooLong: number; bytes: number; head: string })[] = []
  const s = new LineSplitter(
    {
      line: (t, n) => out.push(`${n}:${t}`),
      tooLong: (n, bytes, head) => out.push({ tooLong: n, bytes, head }),
    },
    max,
  )
  for (const c of chunks) s.push(Buffer.isBuffer(c) ? c : Buffer.from(c))
  s.end()
  return { out, lines: s.lines }
}

describe('LineSplitter', () => {
  it('splits on \\n across chunk boundaries and delivers a last line without newline', () => {
    expect(split(['a\nb', 'c\n', '\nd']).out).toEqual(['1:a', '2:bc', '3:', '4:d'])
  })

  it('keeps \\r for the parsers to strip and does not invent a line after a final newline', () => {
    const r = split(['x\r\ny\r\n'])
    expect(r.out).toEqual(['1:x\r', '2:y\r'])
    expect(r.lines).toBe(2)
  })

  it('decodes invalid UTF-8 with replacement characters, also when a sequence spans chunks', () => {
    const euro = Buffer.from('€') // e2 82 ac
    const r = split([Buffer.from([0x61, 0xff, 0x0a]), Buffer.concat([euro.subarray(0, 2)]), Buffer.concat([euro.subarray(2), Buffer.from('\n')])])
    expect(r.out).toEqual(['1:a\ufffd', '2:€'])
  })

  it('decodes ASCII chunks and chunks with multi-byte characters alike', () => {
    const r = split(['plain ascii\n', 'caf\u00e9 \u20ac \u{1f600}\n', 'a\u0080b\n'])
    expect(r.out).toEqual(['1:plain ascii', '2:caf\u00e9 \u20ac \u{1f600}', '3:a\u0080b'])
  })

  it('quarantines a line over the bound without holding it, and goes on', () => {
    const long = 'z'.repeat(5000)
    const r = split(['ok\n', long.slice(0, 2000), long.slice(2000), '\nnext\n'], 1000)
    expect(r.out[0]).toBe('1:ok')
    expect(r.out[1]).toMatchObject({ tooLong: 2, bytes: 5000 })
    expect((r.out[1] as { head: string }).head.length).toBe(1024)
    expect(r.out[2]).toBe('3:next')
  })

  it('bounds a long line that arrives whole in one chunk', () => {
    const r = split([`${'y'.repeat(3000)}\nshort\n`], 1000)
    expect(r.out).toEqual([{ tooLong: 1, bytes: 3000, head: 'y'.repeat(1024) }, '2:short'])
  })

  it('delivers every line of a chunk of several MB in order, lines longer than a decoded piece included, and multi-byte text on either side of a cut', () => {
    const lines: string[] = []
    // A running length: joining the growing list on every turn made the setup quadratic.
    for (let i = 0, length = 0; length < 3_000_000; i++) {
      const line = i % 5000 === 7 ? `long ${i} ${'z'.repeat(300_000 + i)}` : `${i} ${i % 3 === 0 ? 'caf\u00e9 \u20ac' : 'plain'} ${'x'.repeat(i % 200)}`
      lines.push(line)
      length += line.length + 1
    }
    const r = split([`${lines.join('\n')}\ntail`])
    expect(r.lines).toBe(lines.length + 1)
    expect(r.out).toEqual([...lines, 'tail'].map((t, i) => `${i + 1}:${t}`))
  })
})
