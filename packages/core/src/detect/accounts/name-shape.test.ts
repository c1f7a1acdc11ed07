import { describe, expect, it } from 'vitest'
import { sharesName } from './name-shape.ts'

describe('sharesName', () => {
  it('tells a mailbox in the owner\'s own name from a stranger\'s', () => {
    expect(sharesName('paul.garcia33@icloud.com', 'paulgarcia@gmail.com')).toBe(true)
    expect(sharesName('grace_khan1996@yahoo.com', 'g.khan@outlook.com')).toBe(true)
    expect(sharesName('paulgarcia33@icloud.com', 'pwalker@proton.me')).toBe(false)
    // Initials and two-letter runs are not a name in common.
    expect(sharesName('jo.li@a.example', 'jo.li@b.example')).toBe(false)
  })
})
