import { describe, expect, it } from 'vitest'
import { emptyHttpEvent } from '../events/http-event.ts'
import { detectionId } from '../detect/detection-record.ts'
import { createWafEngine } from './engine.ts'
import { WafScan } from './scan.ts'

function event(ip: string | null, url: string, ts: number, session: string | null = null) {
  const e = emptyHttpEvent('combined', 'access.log', ts, '')
  return { ...e, event_id: `e${ts}`, ts, source_ip: ip, session_id: session, http_request_method: 'GET', url_original: url, user_agent_original: 'Mozilla/5.0' }
}

const key = (d: { detector: string; entity: { type: string; value: string } }) => `${d.detector}:${d.entity.type}:${d.entity.value}`

describe('WafScan', () => {
  it('aggregates blocked requests per IP and category, with counts, times and evidence', () => {
    const scan = new WafScan(createWafEngine())
    scan.add(event('203.0.113.7', "/p?id=1'%20UNION%20SELECT%20password%20FROM%20users--", 1000))
    scan.add(event('203.0.113.7', '/p?id=1%20OR%201=1', 5000))
    scan.add(event('203.0.113.7', '/p?q=%3Cscript%3Ealert(1)%3C/script%3E', 3000))
    scan.add(event('198.51.100.4', '/search?q=shoes', 2000))
    scan.add(event(null, '/x?f=../../etc/passwd', 4000))
    const byKey = new Map(scan.detections().map((d) => [key(d), d]))
    expect(scan).toMatchObject({ requests: 5, flagged: 4 })
    expect([...byKey.keys()].sort()).toEqual(['waf.path_traversal:request:e4000', 'waf.sqli:ip:203.0.113.7', 'waf.xss:ip:203.0.113.7'])
    const sqli = byKey.get('waf.sqli:ip:203.0.113.7')!
    // The detection engine's id, so `vigil detect` and `vigil waf scan` write the same row.
    expect(sqli.id).toBe(detectionId('waf.sqli', 'sqli', { type: 'ip', value: '203.0.113.7' }))
    expect(sqli).toMatchObject({ threat: 'sqli', detector: 'waf.sqli', count: 2, detected_at: new Date(1000).toISOString(), first_seen: new Date(1000).toISOString(), last_seen: new Date(5000).toISOString() })
    expect(sqli.explanation).toMatch(/^203\.0\.113\.7 sent 2 requests with SQL injection, e\.g\. waf\.sqli\.\S+ in args:id/)
    expect(sqli.evidence.map((e) => e.field)).toEqual(['rule', 'target', 'excerpt', 'url_original'])
  })

  it('reports per session as well as per IP, and returns what each blocked request changed', () => {
    const scan = new WafScan(createWafEngine())
    expect(scan.add(event('198.51.100.4', '/search?q=shoes', 1000, 's1'))).toEqual([])
    const changed = scan.add(event('198.51.100.4', '/p?id=1%20OR%201=1', 2000, 's1'))
    expect(changed.map(key).sort()).toEqual(['waf.sqli:ip:198.51.100.4', 'waf.sqli:session:s1'])
    expect(changed.find((d) => d.entity.type === 'session')?.explanation).toMatch(/^Session s1 sent 1 request with SQL injection/)
    expect(scan.add(event('198.51.100.4', '/p?id=2%20OR%201=1', 3000, 's1')).map((d) => d.count)).toEqual([2, 2])
  })
})
