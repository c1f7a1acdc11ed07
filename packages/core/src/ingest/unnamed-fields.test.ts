import { describe, expect, it } from 'vitest'
import { isAddressList, isJa4, shapeOf } from './unnamed-fields.ts'

describe('isJa4', () => {
  it.each([
    't13d1516h2_8daaf6152771_e5627efa2ab1',
    't13d441000_6e1e6b43a3f4_e3b0c44298fc',
    'q13d0310h3_55b375c5d22e_cd85d2d88918',
    't12i1209h1_2b729b4bf6f3_4a8ab81c43a2',
  ])('takes the JA4 fingerprint %s', (v) => expect(isJa4(v)).toBe(true))

  it.each([
    ['a JA3 hash', '8daaf6152771e5627efa2ab18daaf615'],
    ['a hex hash cut like one', '8daaf6152771_8daaf6152771_e5627efa'],
    ['an unknown protocol letter', 'x13d1516h2_8daaf6152771_e5627efa2ab1'],
    ['an uppercase hash', 't13d1516h2_8DAAF6152771_e5627efa2ab1'],
    ['a cut fingerprint', 't13d1516h2_8daaf6152771'],
    ['a user agent', 'Mozilla/5.0 (X11; Linux x86_64) Gecko'],
    ['a raw JA4_r', 't13d1516h2_002f,0035,009c_0005,000a'],
  ])('refuses %s', (_what, v) => expect(isJa4(v)).toBe(false))
})

describe('shapeOf', () => {
  it.each([
    ['0.123', 'seconds'],
    ['12.5', 'seconds'],
    ['t13d1516h2_8daaf6152771_e5627efa2ab1', 'ja4'],
    ['98487aa16281980e7d1120d399efb6a4', 'ja3'],
    ['771,4865-4866-4867,0-23-65281,29-23-24,0', 'ja3'],
    ['go2fo3ju4sw640qwruyfn7assd', 'token'],
    ['almpymvjrmhfyiiegkzmscfmjo', 'token'],
    ['s%3AaB3dE9.xYz7Q1w2e3r4t5y6', 'token'],
  ] as const)('reads %s as %s', (v, shape) => expect(shapeOf(v)).toBe(shape))

  it.each([
    ['a whole number', '123'],
    ['a host name', 'www.hollowbrook-home.co.uk'],
    ['a path', '/checkout/order-received/1234567890'],
    ['a short word', 'mobile'],
    ['a user agent', 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101'],
  ])('gives no shape to %s', (_what, v) => expect(shapeOf(v)).toBe('other'))
})

describe('isAddressList', () => {
  it.each(['203.0.113.7', '203.0.113.7, 10.0.0.1', '2001:db8::1,198.51.100.2:4711', '[2001:db8::1]:443', 'unknown, 10.0.0.1'])(
    'takes %s as X-Forwarded-For',
    (v) => expect(isAddressList(v)).toBe(true),
  )

  it.each([
    ['a session id', 'go2fo3ju4sw640qwruyfn7assd'],
    ['a hex session id', '98487aa16281980e7d1120d399efb6a4'],
    ['a JA4 fingerprint', 't13d1516h2_8daaf6152771_02713d6af862'],
    ['an address with a token after it', '10.0.0.1, abcdef'],
    ['a script', '<script>alert(1)</script>'],
  ])('refuses %s', (_what, v) => expect(isAddressList(v)).toBe(false))
})
