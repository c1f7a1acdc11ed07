import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { createPollingDetector } from './polling.ts'
import { req, run, SHOP, shoppers, T0, testConfig } from './fixtures/traffic.ts'

const detector = () => [createPollingDetector(testConfig())]
const APP_UA = 'Hollowbrook/5.12.0 (Android 14; SM-S918B) okhttp/4.12.0'

/** `rounds` polls `periodMs` apart (± `jitterMs`, alternating), each the requests `poll` makes at its time. */
function every(rounds: number, periodMs: number, jitterMs: number, poll: (at: number, i: number) => HttpEvent[]): HttpEvent[] {
  return Array.from({ length: rounds }, (_, i) => poll(T0 + 60_000 + i * periodMs + (i % 2 === 0 ? jitterMs : -jitterMs), i)).flat()
}

const watchList = (fields: Partial<HttpEvent>, ids: number[]) => (at: number) =>
  ids.map((id, k) => req({ ...fields, ts: at + k * 900, url_path: `/wp-json/wc/store/v1/products/${id}` }))

/** A page that reloads itself in a browser: the page, its assets and its scripts' calls. */
const refresh = (fields: Partial<HttpEvent>, path: string) => (at: number) => [
  req({ ...fields, ts: at, url_path: path }),
  req({ ...fields, ts: at + 150, url_path: '/static/app.js', http_request_referrer: `${SHOP}${path}` }),
  req({ ...fields, ts: at + 300, url_path: '/', url_query: 'wc-ajax=get_refreshed_fragments', http_request_method: 'POST', http_request_referrer: `${SHOP}${path}` }),
  req({ ...fields, ts: at + 400, url_path: '/wp-json/shop/v1/collect', http_request_method: 'POST', http_request_referrer: `${SHOP}${path}` }),
]

describe('bot.polling', () => {
  it('flags a watch list of product JSON polled every two minutes for an hour and more, and says its period', () => {
    const monitor = every(40, 120_000, 4_000, watchList({ source_ip: '18.103.148.194', session_id: null }, [1627, 5608, 5818, 3302]))
    const found = run(detector(), shoppers(30, 4), monitor)
    expect(found).toHaveLength(1)
    expect(found[0]?.entity).toEqual({ type: 'ip', value: '18.103.148.194' })
    expect(found[0]?.explanation).toMatch(
      /^the same 4 URLs \(\/wp-json\/wc\/store\/v1\/products\/1627, \/wp-json\/wc\/store\/v1\/products\/5608, \/wp-json\/wc\/store\/v1\/products\/5818, …\) polled (39|40) times every 2 min \(variation 0\.0\d\) for 7\d min, without rendering a page: a stock or price monitor$/,
    )
  })

  it('flags variation look-ups posted every minute by a session kept across home addresses, naming the session and each address', () => {
    const ips = ['94.14.98.125', '94.11.170.64', '94.14.163.57']
    const lookups = every(60, 60_000, 2_000, (at, i) =>
      [0, 1, 2].map((k) => req({ ts: at + k * 1_000, source_ip: ips[Math.floor(i / 20)] as string, session_id: 'watch-1', http_request_method: 'POST', url_path: '/', url_query: 'wc-ajax=get_variation', http_request_referrer: `${SHOP}/product/${k}/` })),
    )
    const found = run(detector(), lookups)
    expect(found.map((d) => `${d.entity.type} ${d.entity.value}`).sort()).toEqual(['ip 94.11.170.64', 'ip 94.14.163.57', 'ip 94.14.98.125', 'session watch-1'])
  })

  it('names a monitor that starts after other clients ended exactly as one seen alone', () => {
    const later = (xs: HttpEvent[]): HttpEvent[] => xs.map((e) => ({ ...e, ts: e.ts + 6 * 3_600_000 }))
    const first = every(40, 120_000, 4_000, watchList({ source_ip: '18.103.148.194', session_id: null }, [1627, 5608, 5818, 3302]))
    const second = later(every(40, 90_000, 3_000, watchList({ source_ip: '18.103.148.77', session_id: null }, [11, 12])))
    const alone = run(detector(), second)
    const after = run(detector(), shoppers(40, 4), first, later(shoppers(40, 4)), second)
    expect(alone).toHaveLength(1)
    expect(after.filter((d) => d.entity.value === '18.103.148.77')).toEqual(alone)
    expect(after.map((d) => d.entity.value).sort()).toEqual(['18.103.148.194', '18.103.148.77'])
  })

  it('leaves a page that refreshes itself in a browser (an order tracker, a drop countdown) alone', () => {
    const tracker = every(120, 30_000, 500, refresh({ source_ip: '198.18.0.9', session_id: 'buyer' }, '/my-account/view-order/4412/'))
    const countdown = every(90, 20_000, 300, refresh({ source_ip: '198.18.0.10', session_id: 'fan' }, '/product/drop-sneaker/'))
    expect(run(detector(), tracker, countdown)).toEqual([])
  })

  it("leaves the shop's app polling its cart, a declared uptime monitor and people browsing alone", () => {
    const cart = every(150, 30_000, 200, (at) => [req({ ts: at, source_ip: '100.64.3.3', session_id: 'app-user', user_agent_original: APP_UA, url_path: '/wp-json/wc/store/v1/cart' })])
    const uptime = every(120, 60_000, 0, (at) => [
      req({ ts: at, source_ip: '216.144.250.150', user_agent_original: 'Mozilla/5.0+(compatible; UptimeRobot/2.0)', user_agent_bot_name: 'UptimeRobot', user_agent_bot_kind: 'monitor', url_path: '/' }),
      req({ ts: at + 300, source_ip: '216.144.250.150', user_agent_original: 'Mozilla/5.0+(compatible; UptimeRobot/2.0)', user_agent_bot_name: 'UptimeRobot', user_agent_bot_kind: 'monitor', url_path: '/shop/' }),
    ])
    expect(run(detector(), shoppers(60, 5), cart, uptime)).toEqual([])
  })

  it('leaves a watch list polled at an irregular pace (a person checking back now and then) alone', () => {
    const gaps = [40, 300, 90, 600, 120, 45, 900, 200, 60, 400, 150, 700, 80, 500, 260, 45, 800, 120]
    let t = T0
    const checks = gaps.flatMap((g) => {
      t += g * 1000
      return watchList({ source_ip: '198.18.0.11', session_id: 'checker' }, [11, 12])(t)
    })
    expect(run(detector(), checks)).toEqual([])
  })
})
