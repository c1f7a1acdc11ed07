import { describe, expect, it } from 'vitest'
import { createScannerDetector } from './scanner.ts'
import { person, prng, req, run, shoppers, T0, testConfig } from './fixtures/traffic.ts'

const scanner = () => [createScannerDetector(testConfig())]
const IP = '203.0.113.66'

describe('bot.scanner', () => {
  it('calls probes for secrets and admin panels vulnerability scanning (OAT-014)', () => {
    const paths = ['/.env', '/.git/config', '/wp-login.php', '/phpmyadmin/index.php', '/vendor/phpunit/src/Util/PHP/eval-stdin.php', '/actuator/health', '/backup.sql', '/.aws/credentials', '/', '/about']
    const scan = paths.map((p, i) => req({ ts: T0 + i * 200, source_ip: IP, url_path: p, http_response_status_code: p === '/' || p === '/about' ? 200 : 404 }))
    const [d, ...rest] = run(scanner(), shoppers(10, 1), scan).filter((x) => x.entity.type === 'ip')
    expect(rest).toEqual([])
    expect(d?.threat).toBe('OAT-014')
    expect(d?.entity.value).toBe(IP)
    expect(d?.explanation).toContain('probes for sensitive paths (/.env, /.git/, /wp-login.php)')
  })

  it('raises vulnerability scanning while the window is open, and counts each request once', () => {
    const paths = ['/.env', '/.git/config', '/wp-login.php', '/phpmyadmin/index.php', '/backup.sql', '/.aws/credentials']
    // 60 probes one every 5 s: the window would close only after ten minutes.
    const scan = Array.from({ length: 60 }, (_, i) => req({ ts: T0 + i * 5000, source_ip: IP, url_path: `${paths[i % paths.length]}?n=${i}`, http_response_status_code: 404 }))
    const d = run(scanner(), shoppers(10, 1), scan).find((x) => x.entity.type === 'ip' && x.entity.value === IP)
    expect(d?.threat).toBe('OAT-014')
    expect(Date.parse(d?.detected_at ?? '') - T0).toBeLessThan(60_000)
    expect(d?.count).toBe(60)
  })

  it('counts injection payloads in the query as scanning', () => {
    const payloads = ["id=1' or '1'='1", 'q=%3Cscript%3Ealert(1)%3C/script%3E', 'file=../../etc/passwd', 'x=${jndi:ldap://a/b}', 'q=shoes', 'q=boots']
    const scan = payloads.flatMap((q, i) => [req({ ts: T0 + i * 1000, source_ip: IP, url_path: '/search', url_query: q }), req({ ts: T0 + i * 1000 + 10, source_ip: IP, url_path: '/product/1' })])
    const d = run(scanner(), scan).find((x) => x.entity.type === 'ip')
    expect(d?.threat).toBe('OAT-014')
    expect(d?.explanation).toContain('requests with injection payloads')
  })

  it('counts payloads in paths and queries too long to remember each time they come', () => {
    const long = 'a'.repeat(600)
    const scan = Array.from({ length: 4 }, (_, i) => [
      req({ ts: T0 + i * 1000, source_ip: IP, url_path: `/${long}/../../etc/passwd` }),
      req({ ts: T0 + i * 1000 + 10, source_ip: IP, url_path: '/search', url_query: `q=${long}&x=\${jndi:ldap://a/b}` }),
    ]).flat()
    const d = run(scanner(), scan).find((x) => x.entity.type === 'ip')
    expect(d?.threat).toBe('OAT-014')
    expect(d?.explanation).toContain('8 requests with injection payloads')
  })

  it('calls a spread of 404s footprinting (OAT-018) and version files fingerprinting (OAT-004)', () => {
    const enumerate = Array.from({ length: 60 }, (_, i) => req({ ts: T0 + i * 500, source_ip: IP, url_path: `/old-page-${i}`, http_response_status_code: 404 }))
    expect(run(scanner(), enumerate).find((d) => d.entity.type === 'ip')?.threat).toBe('OAT-018')
    const versions = ['/readme.html', '/license.txt', '/composer.json', '/CHANGELOG.txt', '/', '/cart', '/product/1', '/product/2', '/search', '/category/3'].map((p, i) => req({ ts: T0 + i * 500, source_ip: '203.0.113.67', url_path: p }))
    expect(run(scanner(), versions).find((d) => d.entity.type === 'ip')?.threat).toBe('OAT-004')
  })

  it('adds up a quiet scanner’s probes across windows', () => {
    const paths = ['/.env', '/about', '/.git/config', '/contact', '/wp-login.php', '/']
    const quiet = paths.map((p, i) => req({ ts: T0 + i * 11 * 60_000, source_ip: IP, url_path: p, http_response_status_code: p.length > 7 ? 404 : 200 }))
    const d = run(scanner(), shoppers(10, 2), quiet).find((x) => x.entity.type === 'ip')
    expect(d?.threat).toBe('OAT-014')
    expect(d?.explanation).toContain('3 probes for sensitive paths')
  })

  it('reports a client that sent nothing but a few refused probes, and a scanner that names itself at its one request', () => {
    const probes = ['/.env', '/.git/config'].map((p, i) => req({ ts: T0 + 60_000 + i * 900, source_ip: '203.0.113.70', url_path: p, http_response_status_code: 404, user_agent_original: null }))
    const zgrab = [req({ ts: T0 + 90_000, source_ip: '203.0.113.71', url_path: '/', user_agent_original: 'Mozilla/5.0 zgrab/0.x', user_agent_bot_name: 'zgrab', user_agent_bot_kind: 'scanner' })]
    const found = run(scanner(), shoppers(10, 4), probes, zgrab).filter((d) => d.entity.type === 'ip')
    const prober = found.find((d) => d.entity.value === '203.0.113.70')
    expect(prober?.threat).toBe('OAT-014')
    expect(prober?.explanation).toContain('nothing but probes, 2 refused, and no page served')
    expect(found.find((d) => d.entity.value === '203.0.113.71')?.explanation).toContain('scanner user agent zgrab')
  })

  it('leaves alone a shop admin opening the WordPress login, and a person whose one request was a mistyped link', () => {
    const admin = [req({ ts: T0 + 60_000, source_ip: '192.0.2.40', url_path: '/wp-login.php' }), req({ ts: T0 + 70_000, source_ip: '192.0.2.40', url_path: '/wp-admin/', http_response_status_code: 302 })]
    const typo = [req({ ts: T0 + 80_000, source_ip: '192.0.2.41', url_path: '/prodcut/1001', http_response_status_code: 404 })]
    expect(run(scanner(), shoppers(10, 5), admin, typo).filter((d) => d.entity.value.startsWith('192.0.2.4'))).toEqual([])
  })

  it('leaves people with a few broken links alone, and an office behind one NAT', () => {
    const rand = prng(3)
    const office = Array.from({ length: 40 }, (_, i) => person({ ip: '192.0.2.1', session: `o${i}`, start: T0 + i * 10_000, pages: 30, rand }))
    const broken = [1, 2, 3].map((i) => req({ ts: T0 + i * 60_000, source_ip: '192.0.2.1', session_id: 'o1', url_path: `/product/gone-${i}`, http_response_status_code: 404 }))
    expect(run(scanner(), ...office, broken)).toEqual([])
  })

  it('finds configured probes with any characters, in list order, and none whose characters are only scattered in a path', () => {
    const config = testConfig()
    config.scanner.vulnerabilityPaths = ['/~root/', '/ü-admin', '/_debug', '/zz']
    const paths = ['/ü-admin/login', '/debug_/z/z', '/_debug/vars', '/~root/.profile', '/', '/about']
    const scan = paths.map((p, i) => req({ ts: T0 + i * 200, source_ip: IP, url_path: p, http_response_status_code: 404 }))
    const d = run([createScannerDetector(config)], shoppers(10, 1), scan).find((x) => x.entity.type === 'ip' && x.entity.value === IP)
    expect(d?.explanation).toContain('3 probes for sensitive paths (/ü-admin, /_debug, /~root/)')
  })

  it('stays linear on a 100 KB adversarial query', () => {
    const evil = req({ ts: T0, source_ip: IP, url_path: '/search', url_query: `q=${'%'.repeat(50_000)}${"'".repeat(50_000)}` })
    expect(run(scanner(), [evil])).toEqual([])
  })
})
