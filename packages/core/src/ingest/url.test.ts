import { describe, expect, it } from 'vitest'
import { splitUrl } from './url.ts'

describe('splitUrl', () => {
  it.each([
    ['/product/1234?ref=home', { url_path: '/product/1234', url_query: 'ref=home', url_extension: null, url_is_static: false, url_domain: null }],
    ['/static/app.min.JS?v=3#x', { url_path: '/static/app.min.JS', url_query: 'v=3', url_extension: 'js', url_is_static: true, url_domain: null }],
    ['/fonts/a.woff2', { url_path: '/fonts/a.woff2', url_query: null, url_extension: 'woff2', url_is_static: true, url_domain: null }],
    ['/index.php?', { url_path: '/index.php', url_query: '', url_extension: 'php', url_is_static: false, url_domain: null }],
    ['/a.jsp;jsessionid=1.css', { url_path: '/a.jsp;jsessionid=1.css', url_query: null, url_extension: 'jsp', url_is_static: false, url_domain: null }],
    ['/.env', { url_path: '/.env', url_query: null, url_extension: null, url_is_static: false, url_domain: null }],
    ['/v1.2/items', { url_path: '/v1.2/items', url_query: null, url_extension: null, url_is_static: false, url_domain: null }],
    ['/img.png#frag?x', { url_path: '/img.png', url_query: null, url_extension: 'png', url_is_static: true, url_domain: null }],
    ['https://User:pw@Shop.Example:443', { url_path: '/', url_query: null, url_extension: null, url_is_static: false, url_domain: 'shop.example' }],
    ['http://[2001:db8::1]:8080/a.svg?x=1', { url_path: '/a.svg', url_query: 'x=1', url_extension: 'svg', url_is_static: true, url_domain: '2001:db8::1' }],
    ['*', { url_path: '*', url_query: null, url_extension: null, url_is_static: false, url_domain: null }],
    ['shop.example:443', { url_path: 'shop.example:443', url_query: null, url_extension: null, url_is_static: false, url_domain: null }],
  ])('%s', (target, expected) => {
    expect(splitUrl(target)).toEqual(expected)
  })

  it('handles a 1 MB target in one pass', () => {
    const t = `/${'a/'.repeat(500_000)}x.css?${'q'.repeat(1000)}`
    const u = splitUrl(t)
    expect(u.url_extension).toBe('css')
    expect(u.url_query).toHaveLength(1000)
  })
})
