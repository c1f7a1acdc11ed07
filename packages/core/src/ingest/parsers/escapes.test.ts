import { describe, expect, it } from 'vitest'
import { unescapeLogValue } from './escapes.ts'

describe('unescapeLogValue', () => {
  it('decodes \\xHH runs as UTF-8 and \\" and \\\\ as the character', () => {
    expect(unescapeLogValue('caf\\xC3\\xA9 \\"q\\" a\\\\b')).toBe('café "q" a\\b')
  })

  it('keeps a backslash that escapes nothing', () => {
    expect(unescapeLogValue('a\\nb')).toBe('a\\nb')
  })

  // Found by the property suite: a value ending in one backslash once never returned.
  it.each(['-]\\', '\\', 'abc\\', '\\x4', '\\xZZ\\'])('returns for %j with every backslash kept', (s) => {
    expect(unescapeLogValue(s)).toBe(s)
  })
})
