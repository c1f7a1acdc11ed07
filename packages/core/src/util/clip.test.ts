import { describe, expect, it } from 'vitest'
import { clip } from './clip.ts'

describe('clip', () => {
  it('keeps text of at most the length and cuts longer text with an ellipsis', () => {
    expect(clip('/products/a', 11)).toBe('/products/a')
    expect(clip('/products/ab', 11)).toBe('/products/a…')
    expect(clip('', 0)).toBe('')
  })
})
