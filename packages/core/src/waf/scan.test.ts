import { describe, expect, it } from 'vitest'
import { emptyHttpEvent } from '../events/http-event.ts'
import { createWafEngine } from './engine.ts'
import { WafScan } from './scan.ts'

function event(ip: string | null, url: string, ts: number, ua = 'Mozilla/5.0') {
  const e = emptyHttpEvent('combined', 'access.log', ts, '')
  return { ...e, event_id: `e${ts}`, ts, source_ip: ip, http_request_method: 'GET', url_original: url, user_agent_original: ua }
}

describe('WafScan', () => {
  it('aggregates blocked requests per IP and category, with counts, times and evidence', () => {
    const scan = new WafScan(createWafEngine())
    scan.add(event('203.0.113.7', "/p?id=1'%20UNION%20SELECT%20password%20FROM%20users--", 1000))
    scan.add(event('203.0.113.7', '/p?id=1%20OR%201=1', 5000))
    scan.add(event('203.0.113.7', '/p?q=%3Cscript%3Ealert(1)%3C/script%3E', 3000))
    scan.add(event('198.51.100.4', '/search?q=shoes', 2000))
    scan.add(event(null, '/x?f=../../etc/passwd', 4000))
    const byId = new Map(scan.detections().map((d) => [d.id, d]))
    expect(scan).toMatchObject({ requests: 5, flagged: 4 })
    expect([...byId.keys()].sort()).toEqual(['waf.path_traversal:request:e4000', 'waf.sqli:ip:203.0.113.7', 'waf.xss:ip:203.0.113.7'])
    const sqli = byId.get('waf.sqli:ip:203.0.113.7')!
    expect(sqli).toMatchObject({ threat: 'sqli', detector: 'waf.sqli', count: 2, first_seen: new Date(1000).toISOString(), last_seen: new Date(5000).toISOString() })
    expect(sqli.explanation).toMatch(/^203\.0\.113\.7 sent 2 requests with SQL injection, e\.g\. waf\.sqli\.\S+ in args:id/)
    expect(sqli.evidence.map((e) => e.field)).toEqual(['rule', 'target', 'excerpt', 'url_original'])
  })
})
