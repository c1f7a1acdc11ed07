import { describe, expect, it } from 'vitest'
import { aliasVariantOf, isDisposableEmail, mailboxOf } from './disposable-email.ts'
import { FAKE_ACCOUNTS_ID } from './fake-accounts.ts'
import { app, at, detect, http, only } from './fixtures/events.ts'
import { nameStemOf, shapeOf } from './name-shape.ts'

const register = (ts: number, user: string, email: string, device: string, ip: string) =>
  app({ event_action: 'account.register', ts, user_id: user, user_name: user, user_email: email, device_id: device, source_ip: ip, event_outcome: 'success' })

describe('fake accounts', () => {
  it('flags a device registering patterned accounts on disposable domains, and the accounts', () => {
    const events = [4412, 9031, 1207, 5550, 7781].map((n, i) =>
      register(at(i * 40), `promohunter${n}`, `promohunter${n}@mailinator.com`, 'farm-dev', `77.1.${i}.9`),
    )
    const ds = only(detect(events), FAKE_ACCOUNTS_ID)
    const device = ds.find((d) => d.entity.type === 'device')!
    expect(device.entity.value).toBe('farm-dev')
    expect(device.threat).toBe('OAT-019')
    expect(device.score).toBeGreaterThanOrEqual(70)
    expect(device.explanation).toContain('5 registrations in 3 min')
    expect(device.explanation).toContain('5 sharing the name pattern "prom…a9"')
    expect(device.explanation).toContain('5 with disposable e-mail domains')
    // Its accounts, and the actor of the name they number.
    expect(device.related.filter((r) => r.type === 'account')).toHaveLength(5)
    expect(device.related).toContainEqual({ type: 'actor', value: 'name-stem:promohunter' })
    expect(ds.filter((d) => d.entity.type === 'account').map((d) => d.entity.value).sort()).toEqual(
      ['promohunter1207', 'promohunter4412', 'promohunter5550', 'promohunter7781', 'promohunter9031'],
    )
    // Each registration came from its own IP: the IPs are flagged only as the farm's (its device's,
    // or the numbered name's from the second registration on).
    const ips = ds.filter((d) => d.entity.type === 'ip')
    expect(ips).toHaveLength(5)
    expect(ips.map((d) => d.explanation.replace(/:.*/, '')).sort()).toEqual([
      'IP 77.1.0.9 took part in the activity of Actor name-stem',
      'IP 77.1.1.9 took part in the activity of Actor name-stem',
      'IP 77.1.2.9 took part in the activity of Device farm-dev',
      'IP 77.1.3.9 took part in the activity of Device farm-dev',
      'IP 77.1.4.9 took part in the activity of Device farm-dev',
    ])
  })

  it('flags a device registering generated-looking accounts slowly, over hours', () => {
    const names = ['mike.alex310@gmail.com', 'tommike3913@sharklasers.com', 'kim.lucy348@gmail.com', 'alex.sarah657@gmail.com']
    const events = names.map((email, i) => register(at(i * 3000), `u-${i}`, email, 'slow-farm', `86.150.${i}.7`))
    const d = only(detect(events), FAKE_ACCOUNTS_ID, 'device')[0]!
    expect(d.explanation).toBe('device slow-farm: 4 registrations in 2.5 h, 4 with generated-looking names, 1 with disposable e-mail domains.')
  })

  it('does not flag a family registering three ordinary accounts on one tablet', () => {
    const events = [
      register(at(0), 'mum', 'maria.keller@gmail.com', 'family-tablet', '84.12.3.4'),
      register(at(300), 'dad', 'thomas.keller@web.de', 'family-tablet', '84.12.3.4'),
      register(at(900), 'kid', 'lena.k2011@gmail.com', 'family-tablet', '84.12.3.4'),
    ]
    expect(only(detect(events), FAKE_ACCOUNTS_ID)).toEqual([])
  })

  it('flags a device that registers two generated-looking accounts and browses nothing else', () => {
    const visit = (t: number, email: string, user: string, ip: string) => [
      http({ ts: at(t), url_path: '/register', http_request_method: 'GET', http_response_status_code: 200, device_id: 'quiet-farm', source_ip: ip }),
      register(at(t + 20), user, email, 'quiet-farm', ip),
    ]
    const events = [...visit(0, 'kim.lucy348@gmail.com', 'u-1', '86.150.1.7'), ...visit(2400, 'tom.mike915@gmail.com', 'u-2', '73.13.9.141')]
    const d = only(detect(events), FAKE_ACCOUNTS_ID, 'device')[0]!
    expect(d.explanation).toBe('device quiet-farm: 2 registrations in 40 min, 2 with generated-looking names, 2 page views in all (no browsing).')
    expect(d.evidence).toContainEqual({ field: 'page_views', value: 2 })
    expect(only(detect(events), FAKE_ACCOUNTS_ID, 'account').map((x) => x.entity.value).sort()).toEqual(['u-1', 'u-2'])
  })

  /** A visit that opens /register and registers 20 s later, after `pages` other page views. */
  const arrival = (t: number, email: string, user: string, device: string, ip: string, pages = 0) => [
    ...Array.from({ length: pages }, (_, i) =>
      http({ ts: at(t - 200 + i * 20), url_path: `/p/${2000 + i}`, http_request_method: 'GET', http_response_status_code: 200, device_id: device, source_ip: ip })),
    http({ ts: at(t), url_path: '/register', http_request_method: 'GET', http_response_status_code: 200, device_id: device, source_ip: ip }),
    register(at(t + 20), user, email, device, ip),
  ]

  it('flags a farm rotating devices in one address block at its second bare registration', () => {
    const events = [
      ...arrival(300, 'lucysarah7194@10minutemail.com', 'u-a', 'rig-1', '52.14.217.81'),
      ...arrival(336, 'alex.kim218@gmail.com', 'u-b', 'rig-2', '52.14.217.213'),
    ]
    const subnet = only(detect(events), FAKE_ACCOUNTS_ID, 'subnet')[0]!
    expect(Date.parse(subnet.detected_at)).toBe(at(356))
    expect(subnet.explanation).toBe('subnet 52.14.217.0/24: 2 registrations in 36 s, 2 with generated-looking names, 1 with disposable e-mail domains, each from a device that browsed nothing else.')
    expect(only(detect(events), FAKE_ACCOUNTS_ID, 'account').map((d) => d.entity.value).sort()).toEqual(['u-a', 'u-b'])
  })

  /** `arrival` with the browser's user agent on the registration. */
  const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:158.0) Gecko/20100101 Firefox/158.0'
  const withUa = (events: ReturnType<typeof arrival>, ua = FIREFOX) =>
    events.map((e) => ('url_path' in e ? e : { ...e, user_agent_original: ua }))

  it('flags a farm rotating devices and home proxies at its third bare registration with one browser build', () => {
    const events = [
      ...withUa(arrival(0, 'mike.alex310@gmail.com', 'u-1', 'rig-a', '84.154.205.56')),
      ...withUa(arrival(67, 'mikejohn1944@mailinator.com', 'u-2', 'rig-b', '99.100.147.170')),
      ...withUa(arrival(186, 'tom.alex746@gmail.com', 'u-3', 'rig-c', '86.150.124.232')),
    ]
    const devices = only(detect(events), FAKE_ACCOUNTS_ID, 'device')
    expect(devices.map((d) => d.entity.value).sort()).toEqual(['rig-a', 'rig-b', 'rig-c'])
    expect(devices.every((d) => d.detected_at === new Date(at(206)).toISOString())).toBe(true)
    expect(devices[0]!.explanation).toContain(
      `3 of the 3 registrations in 3 min with browser "${FIREFOX}" came from 3 devices that browsed nothing else, with generated-looking names`,
    )
    expect(only(detect(events), FAKE_ACCOUNTS_ID, 'account').map((d) => d.entity.value).sort()).toEqual(['u-1', 'u-2', 'u-3'])
  })

  it('names a browser-build farm\'s accounts by the login name each registered with too, and no shopper of the build', () => {
    const named = (events: ReturnType<typeof arrival>) => events.map((e) => ('url_path' in e ? e : { ...e, user_name: e.user_email }))
    const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/154.0.0.0 Safari/537.36'
    const events = [
      ...withUa(named(arrival(0, 'mike.alex310@gmail.com', 'u-1', 'rig-a', '84.154.205.56'))),
      ...withUa(named(arrival(67, 'mikejohn1944@mailinator.com', 'u-2', 'rig-b', '99.100.147.170'))),
      ...withUa(named(arrival(186, 'tom.alex746@gmail.com', 'u-3', 'rig-c', '86.150.124.232'))),
      ...withUa(named(arrival(120, 'paul.weber@gmail.com', 'u-s', 'laptop-s', '82.64.1.9', 4)), chrome),
    ]
    expect(only(detect(events), FAKE_ACCOUNTS_ID, 'account').map((d) => d.entity.value).sort()).toEqual(
      ['mike.alex310@gmail.com', 'mikejohn1944@mailinator.com', 'tom.alex746@gmail.com', 'u-1', 'u-2', 'u-3'],
    )
  })

  it('flags a farm already at its second bare registration with one browser build when both are on disposable domains', () => {
    const events = [
      ...withUa(arrival(0, 'mikemike2030@mailinator.com', 'u-1', 'rig-a', '84.154.205.56')),
      ...withUa(arrival(113, 'johntom9837@temp-mail.org', 'u-2', 'rig-b', '99.100.147.170')),
    ]
    const devices = only(detect(events), FAKE_ACCOUNTS_ID, 'device')
    expect(devices.map((d) => d.entity.value).sort()).toEqual(['rig-a', 'rig-b'])
    expect(devices[0]!.explanation).toContain('2 on disposable e-mail domains')
    // One of two on a disposable domain is not yet a farm.
    const mixed = [
      ...withUa(arrival(0, 'mikemike2030@mailinator.com', 'u-1', 'rig-a', '84.154.205.56')),
      ...withUa(arrival(113, 'john.tom983@gmail.com', 'u-2', 'rig-b', '99.100.147.170')),
    ]
    expect(only(detect(mixed), FAKE_ACCOUNTS_ID)).toEqual([])
  })

  it('does not flag a popular browser build whose sign-ups mostly come after browsing', () => {
    const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/154.0.0.0 Safari/537.36'
    const bare = ['ana1987@gmail.com', 'ben_k85@web.de', 'cleo2001@gmail.com'].flatMap((email, i) =>
      withUa(arrival(400 + i * 300, email, `u-b${i}`, `phone-${i}`, `90.3.${i}.7`), chrome))
    const shoppers = Array.from({ length: 3 }, (_, i) =>
      withUa(arrival(300 + i * 300, `shopper.${i}@gmail.com`, `u-s${i}`, `laptop-${i}`, `82.64.${i}.9`, 4), chrome)).flat()
    expect(only(detect([...bare, ...shoppers]), FAKE_ACCOUNTS_ID)).toEqual([])
    // Nor landing-page sign-ups with plain names, however many share the build.
    const plain = ['maria.keller', 'tom.berger', 'lena.meyer', 'paul.weber'].flatMap((n, i) =>
      withUa(arrival(i * 200, `${n}@gmail.com`, `u-p${i}`, `tab-${i}`, `71.178.${i}.3`), chrome))
    expect(only(detect(plain), FAKE_ACCOUNTS_ID)).toEqual([])
  })

  it('does not flag neighbours on one carrier block who register with plain names, or after browsing', () => {
    const plain = [...arrival(300, 'maria.keller@gmail.com', 'u-m', 'phone-m', '172.56.14.9'), ...arrival(340, 'tom.berger@web.de', 'u-t', 'phone-t', '172.56.14.77')]
    expect(only(detect(plain), FAKE_ACCOUNTS_ID)).toEqual([])
    const browsed = [...arrival(300, 'ana.k1987@gmail.com', 'u-a', 'phone-a', '172.56.14.9', 4), ...arrival(340, 'ben.k1985@gmail.com', 'u-b', 'phone-b', '172.56.14.77', 4)]
    expect(only(detect(browsed), FAKE_ACCOUNTS_ID)).toEqual([])
  })

  it('flags an address by its registrations or fresh accounts\' coupons alone, unless people sign in and buy through it (a carrier NAT)', () => {
    const regs = (ip: string) => Array.from({ length: 10 }, (_, i) =>
      register(at(i * 300), `u${ip}-${i}`, `${['anna.smith', 'ben.jones', 'carla.rossi', 'dave.khan', 'emma.brown'][i % 5]}${i}@gmail.com`, `phone-${ip}-${i}`, ip))
    const established = Array.from({ length: 12 }, (_, i) => [
      app({ event_action: 'account.login', ts: at(i * 250 + 5), user_id: `cust${i}`, device_id: `cphone${i}`, source_ip: '174.205.1.1', event_outcome: 'success' }),
      app({ event_action: 'order.create', ts: at(i * 250 + 90), user_id: `cust${i}`, device_id: `cphone${i}`, source_ip: '174.205.1.1', order_amount: 40 }),
    ]).flat()
    const flaggedIps = (events: ReturnType<typeof app>[]) =>
      only(detect(events), FAKE_ACCOUNTS_ID, 'ip').filter((d) => !d.explanation.includes('took part')).map((d) => d.entity.value)
    // New customers there use the welcome coupon at their first checkout.
    const coupons = (ip: string) => [0, 1, 2, 3].map((i) =>
      app({ event_action: 'coupon.redeem', ts: at(i * 300 + 60), user_id: `u${ip}-${i}`, source_ip: ip, coupon_code: 'WELCOME10', event_outcome: 'success' }))
    expect(flaggedIps(regs('45.77.1.1'))).toEqual(['45.77.1.1'])
    expect(flaggedIps([...regs('174.205.1.1'), ...coupons('174.205.1.1'), ...established])).toEqual([])
    expect(flaggedIps([...regs('174.205.1.1').slice(0, 4), ...coupons('174.205.1.1')])).toEqual(['174.205.1.1'])
  })

  it('flags a block by its fresh accounts\' coupons, unless people sign in and buy across it (a carrier NAT pool)', () => {
    const regs = (block: string) => Array.from({ length: 8 }, (_, i) => [
      register(at(i * 300), `u${block}-${i}`, `${['anna.smith', 'ben.jones', 'carla.rossi', 'dave.khan'][i % 4]}${i}@gmail.com`, `phone-${block}-${i}`, `${block}.${10 + i}`),
      app({ event_action: 'coupon.redeem', ts: at(i * 300 + 60), user_id: `u${block}-${i}`, source_ip: `${block}.${10 + i}`, coupon_code: 'WELCOME10', event_outcome: 'success' }),
    ]).flat()
    const established = (block: string) => Array.from({ length: 12 }, (_, i) => [
      app({ event_action: 'account.login', ts: at(i * 200 + 5), user_id: `cust${i}`, device_id: `cphone${i}`, source_ip: `${block}.${100 + i}`, event_outcome: 'success' }),
      app({ event_action: 'order.create', ts: at(i * 200 + 90), user_id: `cust${i}`, device_id: `cphone${i}`, source_ip: `${block}.${100 + i}`, order_amount: 40 }),
    ]).flat()
    const flaggedSubnets = (events: ReturnType<typeof app>[]) => only(detect(events), FAKE_ACCOUNTS_ID, 'subnet').map((d) => d.entity.value)
    expect(flaggedSubnets(regs('45.77.9'))).toEqual(['45.77.9.0/24'])
    expect(flaggedSubnets([...regs('92.184.107'), ...established('92.184.107')])).toEqual([])
  })

  it('does not flag two registrations on a device that browsed the shop first', () => {
    const pages = Array.from({ length: 8 }, (_, i) =>
      http({ ts: at(i * 30), url_path: `/p/${1000 + i}`, http_request_method: 'GET', http_response_status_code: 200, device_id: 'couple-laptop', source_ip: '84.1.2.3' }),
    )
    const events = [...pages, register(at(300), 'u-a', 'ana.k1987@gmail.com', 'couple-laptop', '84.1.2.3'), register(at(900), 'u-b', 'ben.k1985@gmail.com', 'couple-laptop', '84.1.2.3')]
    expect(only(detect(events), FAKE_ACCOUNTS_ID)).toEqual([])
  })

  it('does not count accounts the shop\'s support staff register for customers', () => {
    const events = [3301, 3302, 3303, 3304, 3305, 3306, 3307].map((n, i) =>
      app({
        event_action: 'account.register', ts: at(i * 60), user_id: 'agent7', user_name: 'agent7', user_email: `phone.order${n}@mailinator.com`,
        device_id: 'support-desk', source_ip: '62.1.1.1', event_outcome: 'success', attributes: { 'user.target.id': `u-${n}` },
      }),
    )
    expect(only(detect(events), FAKE_ACCOUNTS_ID)).toEqual([])
  })

  it('flags fresh accounts redeeming new-customer coupons from one IP', () => {
    const events = ['ann', 'ben', 'cid'].flatMap((u, i) => [
      register(at(i * 100), u, `${u}.real@gmail.com`, `dev-${u}`, '93.184.216.34'),
      app({ event_action: 'coupon.redeem', ts: at(i * 100 + 50), user_id: u, coupon_code: 'WELCOME10', event_outcome: 'success', source_ip: '93.184.216.34', device_id: `dev-${u}` }),
    ])
    const ip = only(detect(events), FAKE_ACCOUNTS_ID, 'ip')[0]!
    expect(ip.entity.value).toBe('93.184.216.34')
    expect(ip.explanation).toContain('3 fresh accounts redeeming coupons')
  })

  it('recognises disposable domains and their subdomains only', () => {
    expect(isDisposableEmail('x@mailinator.com')).toBe(true)
    expect(isDisposableEmail('x@eu.mailinator.com')).toBe(true)
    expect(isDisposableEmail('x@gmail.com')).toBe(false)
    expect(isDisposableEmail('not-an-address')).toBe(false)
  })

  it('gives generated names one shape and plain names none, on bounded work', () => {
    expect(shapeOf('shopper4821@x.com')).toBe(shapeOf('shopper0007@y.org'))
    expect(shapeOf('shopper4821')).not.toBe(shapeOf('buyer4821'))
    expect(shapeOf('maria.keller@gmail.com')).toBe('')
    // 100 KB of input: only the first 128 characters are read.
    const long = shapeOf(`${'a1'.repeat(50_000)}@x.com`)
    expect(long.startsWith('a…a9a9')).toBe(true)
    expect(long.length).toBeLessThanOrEqual('a…'.length + 128)
  })

  it('reads the mailbox behind an address: no +tag anywhere, no dots at Gmail only', () => {
    expect(mailboxOf('Ha.Nano.Vak84+shop@gmail.com')).toBe('hananovak84@gmail.com')
    expect(mailboxOf('h.ananovak84@googlemail.com')).toBe('hananovak84@gmail.com')
    expect(mailboxOf('anna.mueller+news@outlook.com')).toBe('anna.mueller@outlook.com')
    expect(mailboxOf('not-an-address')).toBeNull()
  })

  it('flags accounts registered on aliases of one mailbox from separate devices and addresses, not a customer with a +shop second account', () => {
    const farm = ['hananovak84+news', 'hananovak84+shop', 'hananovak84+deals', 'hananovak84+promo'].map((local, i) => register(at(i * 240), `f${i}`, `${local}@gmail.com`, `dev-${i}`, `86.1.${i}.9`))
    const person = [register(at(10), 'anna1', 'anna.mueller@outlook.com', 'anna-laptop', '84.1.1.1'), register(at(900), 'anna2', 'anna.mueller+shop@outlook.com', 'anna-laptop', '84.1.1.1')]
    const ds = only(detect([...farm, ...person]), FAKE_ACCOUNTS_ID)
    const actor = ds.find((d) => d.entity.type === 'actor')!
    // Word tags are what a person uses too: the third address on one mailbox is the farm.
    expect(Date.parse(actor.detected_at)).toBe(at(480))
    expect(actor.explanation).toBe('4 registrations in 12 min with addresses that all deliver to mailbox hananovak84@gmail.com.')
    const flagged = ds.map((d) => `${d.entity.type}:${d.entity.value}`)
    expect(flagged).toEqual(expect.arrayContaining(['account:f0', 'account:f3', 'device:dev-2', 'ip:86.1.1.9']))
    expect(flagged.filter((f) => f.includes('anna') || f.includes('84.1.1.1'))).toEqual([])
  })

  it('flags a farm at its second disposable address numbered from one name, not strangers sharing a name on their own mailboxes', () => {
    // One registration every 80 s, each from another device and proxy: no source repeats.
    const farm = [3542, 3861, 9833].map((n, i) => register(at(i * 80), `f${i}`, `leonwilliams${n}@${['sharklasers.com', 'guerrillamail.com', 'temp-mail.org'][i]}`, `dev-${i}`, `51.89.${i}.9`))
    const strangers = [register(at(30), 'j1', 'johnsmith85@gmail.com', 'phone-1', '84.1.1.1'), register(at(90), 'j2', 'johnsmith1990@yahoo.com', 'laptop-2', '79.2.2.2')]
    // A customer trying the shop with a throwaway address: one is no farm.
    const once = register(at(120), 'once', 'mariakeller77@mailinator.com', 'tablet-3', '93.3.3.3')
    const ds = only(detect([...farm, ...strangers, once]), FAKE_ACCOUNTS_ID)
    const actor = ds.find((d) => d.entity.type === 'actor')!
    expect(actor.entity.value).toBe('name-stem:leonwilliams')
    expect(Date.parse(actor.detected_at)).toBe(at(80))
    expect(actor.explanation).toBe('3 registrations in 3 min with addresses that all number the name "leonwilliams" on disposable e-mail domains.')
    const flagged = ds.map((d) => `${d.entity.type}:${d.entity.value}`)
    expect(flagged).toEqual(expect.arrayContaining(['account:f0', 'account:f1', 'account:f2', 'device:dev-1', 'ip:51.89.2.9']))
    expect(flagged.filter((f) => /j1|j2|once|phone-1|laptop-2|tablet-3/.test(f))).toEqual([])
  })

  it('flags a farm at its second random +tag or second dot placement on one mailbox, not a person numbering or respelling an address once', () => {
    const tags = ['b192', '0f84', '8591'].map((tag, i) => register(at(i * 230), `t${i}`, `chiomapatel48+${tag}@gmail.com`, 'rig-1', `171.96.${i}.9`))
    const dots = ['h.a.na.no.va.k84', 'h.a.n.ano.vak84', 'ha.nano.vak84'].map((local, i) => register(at(i * 250 + 5), `d${i}`, `${local}@gmail.com`, `dev-${i}`, `84.83.${i}.9`))
    const people = [
      // A second account numbered +2, and one address written with and without its dot.
      register(at(20), 'p1', 'lena.fischer@gmail.com', 'phone-l', '84.1.1.1'), register(at(400), 'p2', 'lena.fischer+2@gmail.com', 'phone-l', '84.1.1.1'),
      register(at(30), 'q1', 'tom.berg@gmail.com', 'laptop-t', '79.2.2.2'), register(at(500), 'q2', 'tomberg@gmail.com', 'laptop-t', '79.2.2.2'),
      // One random tag from an alias generator, once.
      register(at(40), 'r1', 'kofi.mensah+7c1e@gmail.com', 'tablet-k', '93.3.3.3'),
    ]
    const actors = only(detect([...tags, ...dots, ...people]), FAKE_ACCOUNTS_ID, 'actor')
    expect(actors.map((d) => [d.entity.value, Date.parse(d.detected_at)])).toEqual([
      ['mailbox:chiomapatel48@gmail.com', at(230)],
      ['mailbox:hananovak84@gmail.com', at(255)],
    ])
    expect(actors[0]!.explanation).toBe('3 registrations in 8 min with addresses that all deliver to mailbox chiomapatel48@gmail.com, 3 under random-looking +tags.')
    expect(actors[1]!.explanation).toBe('3 registrations in 8 min with addresses that all deliver to mailbox hananovak84@gmail.com, 3 under as many dot placements.')
    expect(aliasVariantOf('lena+shop@gmail.com')).toBeNull()
    expect(aliasVariantOf('lena+12@gmail.com')).toBeNull()
    expect(aliasVariantOf('lena+2024@gmail.com')).toEqual({ kind: 'tag', value: '2024' })
    expect(aliasVariantOf('anna.mueller@outlook.com')).toBeNull()
  })

  it('reads a numbered name stem only from letters then digits', () => {
    expect(nameStemOf('leonwilliams3542@sharklasers.com')).toBe('leonwilliams')
    expect(nameStemOf('anna77@mailinator.com')).toBeNull()
    expect(nameStemOf('leon.williams3542@x.com')).toBeNull()
    expect(nameStemOf('leonwilliams@x.com')).toBeNull()
    expect(nameStemOf('leonwilliams35a@x.com')).toBeNull()
  })

  it('flags the card that pays for a farm\'s account, not a customer\'s card', () => {
    const farm = [4412, 9031, 1207, 5550, 7781].map((n, i) => register(at(i * 40), `promohunter${n}`, `promohunter${n}@mailinator.com`, 'farm-dev', `77.1.${i}.9`))
    const pay = (ts: number, user: string, card: string) => app({ event_action: 'payment.authorize', ts, user_id: user, card_fingerprint: card, event_outcome: 'success', order_amount: 20 })
    const events = [...farm, register(at(100), 'anna', 'anna.mueller@web.de', 'anna-phone', '84.1.1.1'), pay(at(400), 'promohunter1207', 'card-farm'), pay(at(420), 'anna', 'card-anna')]
    const cards = only(detect(events), FAKE_ACCOUNTS_ID, 'card').map((d) => d.entity.value)
    expect(cards).toEqual(['card-farm'])
  })

  it('flags the cards a farm\'s first accounts paid with before the farm showed, not a new customer\'s', () => {
    const pay = (ts: number, user: string, card: string) => app({ event_action: 'payment.authorize', ts, user_id: user, card_fingerprint: card, event_outcome: 'success', order_amount: 20 })
    const events = [
      register(at(0), 'f0', 'hananovak84+news@gmail.com', 'dev-0', '86.1.0.9'), pay(at(60), 'f0', 'card-f0'),
      register(at(30), 'anna', 'anna.mueller@web.de', 'anna-phone', '84.1.1.1'), pay(at(90), 'anna', 'card-anna'),
      register(at(240), 'f1', 'hananovak84+shop@gmail.com', 'dev-1', '86.1.1.9'), pay(at(300), 'f1', 'card-f1'),
      // The third address on one mailbox exposes the farm.
      register(at(480), 'f2', 'hananovak84+deals@gmail.com', 'dev-2', '86.1.2.9'),
    ]
    const cards = only(detect(events), FAKE_ACCOUNTS_ID, 'card')
    expect(cards.map((d) => d.entity.value).sort()).toEqual(['card-f0', 'card-f1'])
    expect(cards.every((d) => d.detected_at === new Date(at(480)).toISOString())).toBe(true)
  })
})
