import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64Text, decodeValue, dropLonePercents, htmlEntityDecode, jsUnescape, percentDecode } from './decode.ts'
import { normalizePath } from './path.ts'

describe('decodeValue', () => {
  it.each([
    ['%3Cscript%3E', '<script>'],
    ['%253Cscript%253E', '<script>'],
    ['%25253Cscript%25253E', '<script>'],
    ['%C0%AE%C0%AE%C0%AF', '../'],
    ['%E0%80%AE', '.'],
    ['%u003Cscript%u003E', '<script>'],
    ['&lt;svg&gt;', '<svg>'],
    ['&#x3C;&#60;&#0000060', '<<<'],
    ['j&#X41vascript&colon;', 'jAvascript:'],
    ['&amp;lt;', '<'],
    ['\\x3cscript\\x3e', '<script>'],
    ['\\u003cscript\\u003e', '<script>'],
    ['\\u{3c}b', '<b'],
    ['scr\u0000ipt', 'script'],
    ['java\u200bscript', 'javascript'],
    ['ＳＥＬＥＣＴ', 'SELECT'],
    ['ⓖⓞⓞⓖⓛⓔ', 'google'],
    ['100% cotton', '100% cotton'],
    ['AT&T', 'AT&T'],
    ['%zz', '%zz'],
  ])('%s → %s', (input, expected) => {
    expect(decodeValue(input)).toBe(expected)
  })

  it('stops after a bounded number of rounds', () => {
    // Four layers of encoding: three rounds undo three, the last stays visible.
    expect(decodeValue('%2525253C')).toBe('%3C')
  })

  it('each decoder is the identity on text without its marker', () => {
    const s = 'plain text, 42 items'
    expect(percentDecode(s)).toBe(s)
    expect(htmlEntityDecode(s)).toBe(s)
    expect(jsUnescape(s)).toBe(s)
  })

  it('each decoder undoes its own encoding of arbitrary text, escapes mixed with plain runs', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 })
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(percentDecode(`${encodeURIComponent(a)}${b.replaceAll('%', '')}`)).toBe(`${a}${b.replaceAll('%', '')}`)
        const entities = [...a].map((ch) => `&#${ch.codePointAt(0)};`).join('')
        expect(htmlEntityDecode(`${b.replaceAll('&', '')}${entities}`)).toBe(`${b.replaceAll('&', '')}${a}`)
        const escapes = [...a].map((ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`).join('')
        expect(jsUnescape(`${escapes}${b.replaceAll('\\', '')}`)).toBe(`${a}${b.replaceAll('\\', '')}`)
      }),
    )
  })

  it('reads an ASCII escape as its character wherever it stands in a run of escapes, and a run of UTF-8 escapes whole', () => {
    expect(percentDecode('%41%C3%A9%2F')).toBe('Aé/')
    expect(percentDecode('%C3%41%C0%AE')).toBe('\u00c3A.')
    const token = fc.constantFrom('%41', '%27', '%7e', '%c3', '%a9', '%e2', '%82', '%ac', '%c0', '%ae', '%f0', '%9f', '%u00e9', '%U00E9', '%', '%4', 'a', ' ')
    const run = fc.array(token, { maxLength: 8 }).map((t) => t.join(''))
    fc.assert(
      fc.property(run, fc.constantFrom('%41', '%27', '%7e'), run, (before, ascii, after) => {
        // The run is cut after the ASCII escape: the two halves read alone give the same text.
        expect(percentDecode(`${before}${ascii}${after}`)).toBe(percentDecode(`${before}${ascii}`) + percentDecode(after))
      }),
      { numRuns: 5000 },
    )
  })

  it('markers that start no escape are kept as sent', () => {
    expect(percentDecode('50%%u12%4')).toBe('50%%u12%4')
    expect(htmlEntityDecode('a && b &#; &nosuch; &lt')).toBe('a && b &#; &nosuch; <')
    expect(jsUnescape('C:\\dir\\x1\\u{zz}')).toBe('C:\\dir\\x1\\u{zz}')
  })

  it('names an object inherits are not entities', () => {
    const s = 'a &constructor; &toString &__proto__; &hasOwnProperty; b'
    expect(htmlEntityDecode(s)).toBe(s)
  })
})

describe('decodeBase64Text', () => {
  it('decodes base64 of text, with or without padding, in either alphabet', () => {
    expect(decodeBase64Text(btoa("1' OR '1'='1"))).toBe("1' OR '1'='1")
    expect(decodeBase64Text(btoa('<svg onload=alert(1)>').replace(/=+$/, ''))).toBe('<svg onload=alert(1)>')
    expect(decodeBase64Text('PD9waHA_')).toBe('<?php?')
  })

  it('leaves words, binary and short tokens alone', () => {
    expect(decodeBase64Text('Administrator')).toBeNull()
    expect(decodeBase64Text('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ')).toBeNull()
    expect(decodeBase64Text('abc')).toBeNull()
    expect(decodeBase64Text('hello world')).toBeNull()
  })

  it('keeps text with control characters up to one in twenty bytes, wherever they stand, and turns more away', () => {
    const text = (controls: number, at: number): string => {
      const chars = [...'x'.repeat(40)]
      for (let k = 0; k < controls; k++) chars[(at + 7 * k) % 40] = '\x01'
      return chars.join('')
    }
    for (const at of [0, 13, 39]) {
      expect(decodeBase64Text(btoa(text(2, at))), `two at ${at}`).toBe(text(2, at))
      expect(decodeBase64Text(btoa(text(3, at))), `three at ${at}`).toBeNull()
    }
  })

  it('decodes base64 of UTF-8 text and turns invalid UTF-8 away', () => {
    const utf8 = (t: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(t)))
    expect(decodeBase64Text(utf8('<svg onload=alert("héllo ✓")>'))).toBe('<svg onload=alert("héllo ✓")>')
    expect(decodeBase64Text(btoa('\xff\xfe<script>alert(1)</script>'))).toBeNull()
  })

  it('agrees with atob and a strict UTF-8 decoder on arbitrary input', () => {
    const strict = new TextDecoder('utf-8', { fatal: true })
    const reference = (value: string): string | null => {
      const s = value.replaceAll(' ', '+')
      if (s.length % 4 === 1 || !/^[A-Za-z0-9+/_-]{8,}={0,2}$/.test(s)) return null
      if (/^[A-Za-z]+$/.test(s) && !/[A-Z][a-z]*[a-z][A-Za-z]*[A-Z]/.test(s)) return null
      let text: string
      try {
        const binary = atob(s.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, ''))
        text = strict.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
      } catch {
        return null
      }
      let printable = 0
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i)
        if ((c >= 32 && c !== 127) || c === 9 || c === 10 || c === 13) printable++
      }
      return text.length > 0 && printable / text.length >= 0.95 ? text : null
    }
    const alphabet = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= '.split(''))
    const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((t) => btoa(String.fromCharCode(...new TextEncoder().encode(t))))
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: alphabet, minLength: 6, maxLength: 40 }), text, text.map((b) => b.replace(/=+$/, '').replaceAll('+', '-'))), (v) => {
        expect(decodeBase64Text(v)).toBe(reference(v))
      }),
      { numRuns: 2000 },
    )
  })

  it('stays linear on a long run of letters (the case check once backtracked quadratically)', () => {
    const started = performance.now()
    expect(decodeBase64Text(`A${'a'.repeat(200_003)}`)).toBeNull()
    expect(decodeBase64Text(`A${'a'.repeat(200_000)}B=`)).not.toBeUndefined()
    // Generous: the quadratic version took about a minute on this input.
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('normalizePath', () => {
  it.each([
    ['/a/./b', '/a/b'],
    ['/a/../../etc/passwd', '/etc/passwd'],
    ['//a//b', '/a/b'],
    ['\\a\\..\\b', '/b'],
    ['a/b/../c', 'a/c'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePath(input)).toBe(expected)
  })
})

describe('dropLonePercents', () => {
  it('drops each % that starts no escape, as IIS does, once two stand before letters no escape starts with', () => {
    expect(dropLonePercents('%S%E%L%E%C%T %N%U%L%L')).toBe('SELECT NULL')
    expect(dropLonePercents('%1 %A%N%D %S%L%E%E%P(%5)')).toBe('1 AND SLEEP(5)')
  })

  it('leaves a value with one such % (how people write a discount) or none alone', () => {
    for (const v of ['50%off', '100% cotton', 'save 20%', '%41%42']) expect(dropLonePercents(v), v).toBeNull()
  })
})
