import { describe, expect, it } from 'vitest'
import { sharesFamilyName, sharesName } from './name-shape.ts'

describe('sharesName', () => {
  it('tells a mailbox in the owner\'s own name from a stranger\'s', () => {
    expect(sharesName('paul.garcia33@icloud.com', 'paulgarcia@gmail.com')).toBe(true)
    expect(sharesName('grace_khan1996@yahoo.com', 'g.khan@outlook.com')).toBe(true)
    expect(sharesName('paulgarcia33@icloud.com', 'pwalker@proton.me')).toBe(false)
    // Initials and two-letter runs are not a name in common.
    expect(sharesName('jo.li@a.example', 'jo.li@b.example')).toBe(false)
  })
})

describe('sharesFamilyName', () => {
  it('tells kin and one person\'s two addresses from two people sharing a first name', () => {
    expect(sharesFamilyName('anna.schmidt@gmx.de', 'peter.schmidt@web.de')).toBe(true)
    expect(sharesFamilyName('rmeyer.788@gmail.com', 'sam.meyer.787@web.de')).toBe(true)
    expect(sharesFamilyName('tina.martin@web.de', 'tina_martin1978@gmail.com')).toBe(true)
    // One address with a single name part: it may be either name, so a shared one counts.
    expect(sharesFamilyName('tina1985@gmail.com', 'tina.martin@web.de')).toBe(true)
    expect(sharesFamilyName('tina_martin1978.452@orange.fr', 'tina_nguyen1985.629@icloud.com')).toBe(false)
    expect(sharesFamilyName('oliver.grant81@gmail.com', 'k.ivanova@yahoo.com')).toBe(false)
  })
})
