import { describe, expect, it } from 'vitest'
import { app, at, detect, http, only } from './fixtures/events.ts'
import { TOKEN_CRACKING_ID } from './token-cracking.ts'

describe('token cracking', () => {
  it('flags an IP enumerating gift card ids', () => {
    const events = Array.from({ length: 12 }, (_, i) =>
      app({ event_action: 'giftcard.check', ts: at(i * 3), giftcard_id: `GC-0000-${1000 + i}`, event_outcome: 'failure', event_reason: 'not_found', source_ip: '45.9.9.9' }),
    )
    const d = only(detect(events), TOKEN_CRACKING_ID, 'ip')[0]!
    expect(d.threat).toBe('OAT-002')
    expect(d.explanation).toContain('tried 12 distinct gift card codes in 33 s and 100% of 12 attempts were rejected (not_found 12)')
  })

  it('does not flag a shopper trying two coupon codes', () => {
    const events = ['SPRING', 'SPRING10', 'SPRING10'].map((code, i) =>
      app({ event_action: 'coupon.redeem', ts: at(i * 20), coupon_code: code, event_outcome: i === 2 ? 'success' : 'failure', source_ip: '84.1.1.1', user_id: 'ann' }),
    )
    expect(only(detect(events), TOKEN_CRACKING_ID)).toEqual([])
  })

  const coupon = (ts: number, ip: string, code: string, ok = false) =>
    app({ event_action: 'coupon.redeem', ts, coupon_code: code, event_outcome: ok ? 'success' : 'failure', source_ip: ip })
  /** Two addresses enumerating SAVE codes in the first minute, ten distinct codes each. */
  const twoWalkers = () => [
    ...Array.from({ length: 10 }, (_, i) => coupon(at(10 + i * 5), '45.1.1.1', `SAVE${1000 + i}`)),
    ...Array.from({ length: 10 }, (_, i) => coupon(at(12 + i * 5), '45.1.1.2', `SAVE${2000 + i}`)),
  ]
  /** Two hours of shoppers redeeming WELCOME10 every 2 min, and `deadPerHour` rejected codes nobody redeems. */
  const day = (deadPerHour: number) => [
    ...Array.from({ length: 60 }, (_, i) => coupon(at(i * 120), `84.1.${i}.1`, 'WELCOME10', true)),
    ...Array.from({ length: 2 * deadPerHour }, (_, i) => coupon(at(30 + i * (3600 / deadPerHour)), `82.2.${i % 250}.${Math.floor(i / 250)}`, `OLD${i}`)),
  ]

  it('raises a slow walk at its fifth rejected guess in a minute on a shop where dead codes are rare', () => {
    const walk = ['SAVE715F', 'WELCOME443E', 'SAVE75F7', 'WELCOME735B', 'GIFT7724', 'VIP2896'].map((code, i) => coupon(at(7300 + i * 13), '86.150.81.115', code))
    const d = only(detect([...day(1), ...walk]), TOKEN_CRACKING_ID, 'ip').find((x) => x.entity.value === '86.150.81.115')!
    expect(d.detected_at).toBe(new Date(at(7352)).toISOString())
    expect(d.explanation).toMatch(/^IP 86\.150\.81\.115 had all 5 of its attempts at 5 distinct coupon codes rejected, in a surge of 5 rejected coupon codes nobody has redeemed within 52 s \(0\.\d+ expected at this shop's rate of them\)\.$/)
  })

  it('raises a gift-card walk whose rare hit comes among its first guesses', () => {
    const walk = ['6006189492200516', '6006653118325629', '6006803716365412', '6006729234734844', '6006973963623641', '6006135168919392']
      .map((id, i) => app({ event_action: 'giftcard.check', ts: at(7300 + i * 12), giftcard_id: id, event_outcome: i === 3 ? 'success' : 'failure', source_ip: '95.91.25.162' }))
    const d = only(detect([...day(1), ...walk]), TOKEN_CRACKING_ID, 'ip').find((x) => x.entity.value === '95.91.25.162')!
    expect(d.detected_at).toBe(new Date(at(7360)).toISOString())
    expect(d.explanation).toMatch(/^IP 95\.91\.25\.162 had 5 of its 6 attempts at 6 distinct gift card codes rejected, in a surge of 5 rejected gift card codes/)
  })

  it('does not raise a shopper trying five dead codes from a coupon site where customers do so all day', () => {
    const shopper = ['SAVE20', 'TAKE15', 'FALL10', 'FREESHIP22', 'VIP30'].map((code, i) => coupon(at(7300 + i * 13), '90.3.4.5', code))
    expect(only(detect([...day(60), ...shopper]), TOKEN_CRACKING_ID)).toEqual([])
    // On the quiet shop, three tries stay below the surge.
    expect(only(detect([...day(1), ...shopper.slice(0, 3)]), TOKEN_CRACKING_ID)).toEqual([])
  })

  it('does not raise a shopper typing dead codes again on a quiet shop, while a walk of as many attempts at distinct codes is raised', () => {
    // Five attempts in three minutes at three codes, two of them typed twice, then a sixth code.
    const shopper = ['THANKYOU', 'VIP30', 'THANKYOU', 'EXTRA10', 'VIP30', 'SAVE20'].map((code, i) => coupon(at(7300 + i * 40), '83.58.208.72', code))
    expect(only(detect([...day(1), ...shopper]), TOKEN_CRACKING_ID)).toEqual([])
    const walk = ['THANKYOU', 'VIP30', 'THANKS15', 'EXTRA10', 'VIP35', 'SAVE20'].map((code, i) => coupon(at(7300 + i * 40), '83.58.208.72', code))
    expect(only(detect([...day(1), ...walk]), TOKEN_CRACKING_ID, 'ip').map((d) => d.entity.value)).toEqual(['83.58.208.72'])
  })

  it('does not raise a shopper browsing the shop who tries five dead codes nobody tried before on a quiet shop; the same tries from a session that viewed nothing are raised', () => {
    const tries = (session: string) => ['THANKYOU', 'VIP30', 'EXTRA10', 'SAVE20', 'BLACKWEEK20']
      .map((code, i) => app({ event_action: 'coupon.redeem', ts: at(7300 + i * 30), coupon_code: code, event_outcome: 'failure', source_ip: '90.84.211.204', session_id: session }))
    const pages = ['/search', '/products/rain-shell-olive', '/products/wool-scarf-red', '/cart']
      .map((path, i) => http({ ts: at(7200 + i * 25), session_id: 's-shopper', source_ip: '90.84.211.204', http_request_method: 'GET', url_path: path }))
    expect(only(detect([...day(1), ...pages, ...tries('s-shopper')]), TOKEN_CRACKING_ID)).toEqual([])
    expect(only(detect([...day(1), ...pages, ...tries('s-script')]), TOKEN_CRACKING_ID, 'ip').map((d) => d.entity.value)).toEqual(['90.84.211.204'])
  })

  it('adds an address with a single rejected guess in the campaign\'s format while several others enumerate, but not a shopper mistyping a real code or trying a dead one of another format', () => {
    const guess = (ts: number, ip: string, code: string, ok = false) =>
      app({ event_action: 'coupon.redeem', ts, coupon_code: code, event_outcome: ok ? 'success' : 'failure', source_ip: ip })
    const events = [
      guess(at(0), '84.1.1.1', 'WELCOME10', true),
      ...Array.from({ length: 10 }, (_, i) => guess(at(10 + i * 5), '45.1.1.1', `SAVE${1000 + i}`)),
      ...Array.from({ length: 10 }, (_, i) => guess(at(12 + i * 5), '45.1.1.2', `SAVE${2000 + i}`)),
      guess(at(100), '45.1.1.3', 'SAVE3001'),
      guess(at(110), '84.1.1.9', 'WELCOME10'),
      // A dead code nobody has redeemed, but not in the format the campaign guesses in.
      guess(at(115), '84.1.1.8', 'FREESHIP'),
    ]
    const ips = only(detect(events), TOKEN_CRACKING_ID, 'ip').map((d) => d.entity.value).sort()
    expect(ips).toEqual(['45.1.1.1', '45.1.1.2', '45.1.1.3'])
    const member = only(detect(events), TOKEN_CRACKING_ID, 'ip').find((d) => d.entity.value === '45.1.1.3')!
    expect(member.explanation).toBe("IP 45.1.1.3 had all 1 of its coupon code attempts rejected (the last for a code nobody has redeemed, in the enumerating IPs' format AAAA9999) while 2 IPs were enumerating coupon codes.")
  })

  it('adds the session of a single guess through an address a shopper redeemed a code from before, not a shopper\'s browsing session', () => {
    const guess = (ts: number, ip: string, code: string, session: string, ok = false) =>
      app({ event_action: 'coupon.redeem', ts, coupon_code: code, event_outcome: ok ? 'success' : 'failure', source_ip: ip, session_id: session })
    const events = [
      ...Array.from({ length: 10 }, (_, i) => guess(at(10 + i * 5), '45.1.1.1', `SAVE${1000 + i}`, `crew-a${i}`)),
      ...Array.from({ length: 10 }, (_, i) => guess(at(12 + i * 5), '45.1.1.2', `SAVE${2000 + i}`, `crew-b${i}`)),
      // A residential proxy a shopper redeemed WELCOME10 through an hour before.
      guess(at(-3000), '73.4.4.4', 'WELCOME10', 'shopper-1', true),
      guess(at(100), '73.4.4.4', 'SAVE3001', 'crew-c0'),
      // A shopper on another address mistypes a code of the same format while browsing.
      http({ ts: at(90), url_path: '/cart', http_request_method: 'GET', http_response_status_code: 200, session_id: 'shopper-2', source_ip: '84.1.1.9' }),
      guess(at(110), '84.1.1.9', 'SAVE1O00', 'shopper-2'),
    ]
    const ds = only(detect(events), TOKEN_CRACKING_ID)
    const joined = ds.find((d) => d.entity.type === 'session' && d.entity.value === 'crew-c0')!
    expect(joined.explanation).toContain('session crew-c0 had all 1 of its coupon code attempts rejected')
    expect(ds.filter((d) => /shopper|73\.4\.4\.4|84\.1\.1\.9/.test(d.entity.value))).toEqual([])
  })

  it('does not add a shopper to a campaign for a dead code in its format that another shopper tried before', () => {
    const events = [
      ...twoWalkers(),
      // SAVE2024 circulates on a coupon site: one shopper tried it, then another.
      coupon(at(80), '90.3.4.5', 'SAVE2024'),
      coupon(at(100), '84.1.1.7', 'SAVE2024'),
    ]
    const ips = only(detect(events), TOKEN_CRACKING_ID, 'ip').map((d) => d.entity.value).sort()
    expect(ips).toEqual(['45.1.1.1', '45.1.1.2', '90.3.4.5'])
  })

  it('lets addresses with one guess each join a campaign that a surge of one-guess addresses opened', () => {
    const check = (ts: number, ip: string, id: string) => app({ event_action: 'giftcard.check', ts, giftcard_id: id, event_outcome: 'failure', event_reason: 'not_found', source_ip: ip })
    const walk = Array.from({ length: 12 }, (_, i) => check(at(7300 + i * 10), `73.9.${i}.7`, `6042${String(31_000_000 + i * 7919)}1234`))
    const ips = only(detect([...day(1), ...walk]), TOKEN_CRACKING_ID, 'ip').map((d) => d.entity.value).sort()
    expect(ips).toEqual(walk.map((e) => e.source_ip).sort())
  })

  it('takes the formats a member that viewed no page goes on guessing in for the walk\'s, where the shop\'s clients view pages', () => {
    const events = [
      http({ ts: at(1), url_path: '/cart', http_request_method: 'GET', http_response_status_code: 200, session_id: 'shopper', source_ip: '84.9.9.9' }),
      ...twoWalkers(),
      // A member joins with a guess in the walk's format, then guesses in another one.
      coupon(at(80), '73.5.5.5', 'SAVE3001'),
      coupon(at(90), '73.5.5.5', 'SAVE30AB'),
      // Another address's single guess in that other format.
      coupon(at(100), '73.6.6.6', 'SAVE41CD'),
    ]
    const ips = only(detect(events), TOKEN_CRACKING_ID, 'ip').map((d) => d.entity.value).sort()
    expect(ips).toEqual(['45.1.1.1', '45.1.1.2', '73.5.5.5', '73.6.6.6'])
  })

  it('keeps a code the enumerating crew itself tried before a guess when another of its addresses tries it again', () => {
    const events = [
      ...twoWalkers(),
      coupon(at(100), '45.1.1.3', 'SAVE1003'),
    ]
    const ips = only(detect(events), TOKEN_CRACKING_ID, 'ip').map((d) => d.entity.value).sort()
    expect(ips).toEqual(['45.1.1.1', '45.1.1.2', '45.1.1.3'])
  })

  it('flags the fresh session of every later attempt of an address already flagged', () => {
    const events = Array.from({ length: 14 }, (_, i) =>
      app({ event_action: 'giftcard.check', ts: at(i * 3), giftcard_id: `GC-0000-${1000 + i}`, event_outcome: 'failure', event_reason: 'not_found', source_ip: '45.9.9.9', session_id: `cookieless-${i}` }))
    const sessions = only(detect(events), TOKEN_CRACKING_ID, 'session').map((d) => d.entity.value).sort()
    expect(sessions).toEqual(Array.from({ length: 14 }, (_, i) => `cookieless-${i}`).sort())
  })

  it('does not add to a gift-card campaign a shopper who mistypes their card number while browsing the shop', () => {
    const check = (ts: number, ip: string, id: string, session: string) => app({ event_action: 'giftcard.check', ts, giftcard_id: id, event_outcome: 'failure', event_reason: 'not_found', source_ip: ip, session_id: session })
    const walk = Array.from({ length: 12 }, (_, i) => check(at(7300 + i * 10), `73.9.${i}.7`, `6042${String(31_000_000 + i * 7919)}1234`, `crew-${i}`))
    const shopper = [
      http({ ts: at(7400), url_path: '/products/wool-scarf', http_request_method: 'GET', http_response_status_code: 200, session_id: 'shop-1', source_ip: '84.2.2.2' }),
      check(at(7430), '84.2.2.2', '6100123412341234', 'shop-1'),
    ]
    const ips = only(detect([...day(1), ...walk, ...shopper]), TOKEN_CRACKING_ID, 'ip').map((d) => d.entity.value)
    expect(ips).toHaveLength(12)
    expect(ips).not.toContain('84.2.2.2')
  })

  describe('a session that does nothing but guess', () => {
    const page = (ts: number, session: string) =>
      http({ ts, url_path: '/cart', http_request_method: 'GET', http_response_status_code: 200, session_id: session, source_ip: '84.2.2.2' })
    const tryCode = (ts: number, session: string, code: string, ip = '76.107.134.157') =>
      app({ event_action: 'coupon.redeem', ts, coupon_code: code, event_outcome: 'failure', event_reason: 'invalid', source_ip: ip, session_id: session })
    const walk = ['VIP3856', 'WELCOME7614', 'WELCOME57FE', 'GIFT41A7'].map((code, i) => tryCode(at(100 + i * 10), 'tool-1', code))
    // Someone browsing elsewhere: the stream carries page views.
    const shop = [page(at(5), 'shop-0')]

    it('raises its IP at its fourth guess at a distinct code, with the session', () => {
      const ds = only(detect([...shop, ...walk]), TOKEN_CRACKING_ID)
      const ip = ds.find((d) => d.entity.type === 'ip')!
      expect(ip.entity.value).toBe('76.107.134.157')
      expect(ip.score).toBe(55)
      expect(Date.parse(ip.detected_at)).toBe(at(130))
      expect(ip.explanation).toBe('Session tool-1 from IP 76.107.134.157 tried 4 distinct coupon codes in 30 s, every one rejected and redeemed or tried by nobody else, without viewing a page of the shop.')
      expect(ds.map((d) => `${d.entity.type}:${d.entity.value}`)).toContain('session:tool-1')
      expect(only(detect([...shop, ...walk.slice(0, 3)]), TOKEN_CRACKING_ID)).toEqual([])
    })

    it('does not raise a shopper who viewed the cart before trying four dead codes', () => {
      const shopper = ['SAVE20', 'TAKE15', 'FALL10', 'VIP30'].map((code, i) => tryCode(at(100 + i * 15), 'shop-1', code, '84.2.2.2'))
      expect(only(detect([...shop, page(at(90), 'shop-1'), ...shopper]), TOKEN_CRACKING_ID)).toEqual([])
    })

    it('does not raise one trying codes that circulate, which others tried first', () => {
      // Others tried them over the past hour, one every ten minutes (four at once from four clients
      // that viewed no page would be a walk's surge).
      const others = ['SAVE20', 'TAKE15', 'FALL10', 'VIP30'].map((code, i) => tryCode(at(10 + i * 600), `other-${i}`, code, `90.3.4.${i}`))
      const appUser = ['SAVE20', 'TAKE15', 'FALL10', 'VIP30'].map((code, i) => tryCode(at(3600 + i * 15), 'app-1', code, '84.2.2.3'))
      expect(only(detect([...shop, ...others, ...appUser]), TOKEN_CRACKING_ID).filter((d) => d.entity.value === '84.2.2.3' || d.entity.value === 'app-1')).toEqual([])
    })

    it('raises a walk spread over clients that viewed no page at its third guess in a minute on a shop where such guesses are rare, and not shoppers who browsed', () => {
      // An hour of shoppers redeeming a real code after viewing the cart.
      const quiet = Array.from({ length: 30 }, (_, i) => [
        http({ ts: at(i * 120), url_path: '/cart', http_request_method: 'GET', http_response_status_code: 200, session_id: `shopper-${i}`, source_ip: `84.3.${i}.1` }),
        app({ event_action: 'coupon.redeem', ts: at(i * 120 + 20), coupon_code: 'WELCOME10', event_outcome: 'success', source_ip: `84.3.${i}.1`, session_id: `shopper-${i}` }),
      ]).flat()
      const guesses = ['BLACKWEEK52', 'BLACKWEEK28', 'BLACKWEEK43', 'BLACKWEEK68'].map((code, i) => tryCode(at(3700 + i * 28), `walk-${i}`, code, `79.25.81.${i + 1}`))
      const ds = only(detect([...quiet, ...guesses]), TOKEN_CRACKING_ID, 'ip')
      expect(ds.map((d) => d.entity.value).sort()).toEqual(['79.25.81.1', '79.25.81.2', '79.25.81.3', '79.25.81.4'])
      expect(Math.min(...ds.map((d) => Date.parse(d.detected_at)))).toBe(at(3756))
      expect(ds[0]!.explanation).toMatch(/^IP 79\.25\.81\.1 had all 1 of its attempts at 1 distinct coupon codes rejected, in a surge of 3 rejected coupon codes nobody has redeemed, tried by clients that viewed no page of the shop, within 56 s/)
      // The same tries from shoppers who viewed the cart first are none of that.
      const browsed = guesses.map((g, i) => [http({ ts: g.ts - 10_000, url_path: '/cart', http_request_method: 'GET', http_response_status_code: 200, session_id: `walk-${i}`, source_ip: `79.25.81.${i + 1}` }), g]).flat()
      expect(only(detect([...quiet, ...browsed]), TOKEN_CRACKING_ID)).toEqual([])
    })

    it('does not raise anyone when the stream carries no page views to tell bare sessions by', () => {
      expect(only(detect(walk), TOKEN_CRACKING_ID)).toEqual([])
    })
  })
})
