import { describe, expect, it } from 'vitest'
import { decodeBase64Text, decodeValue, htmlEntityDecode, jsUnescape, percentDecode } from './decode.ts'
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
