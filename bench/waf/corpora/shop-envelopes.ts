/**
 * The envelopes a shop's visitors and staff wrap text in, shared by the generators that place real text as a browser
 * sends it to one shop (benign-text, benign-admin): cookie jars, the navigation and fetch headers of the storefront
 * and the back office. Each generator passes its own seeded stream, so its file stays the same on every run.
 * @module
 */
import { fnv1a } from './seeded-text.ts'

export type Zone = 'storefront' | 'admin'

/** What a placed text is keyed on: its source, and the text the hold-out split is keyed on. */
export interface Unit {
  source: string
  /** Every placement of one text falls in the same half. */
  key: string
}

const LANGS = ['fr-FR,fr;q=0.9,en;q=0.8', 'es-ES,es;q=0.9,en;q=0.8', 'en-GB,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.8', 'ja-JP,ja;q=0.9,en;q=0.8', 'ar-AE,ar;q=0.9,en;q=0.8', 'ru-RU,ru;q=0.9,en;q=0.8', 'ko-KR,ko;q=0.9,en;q=0.8']
/** The epoch second the generated sessions start from. */
export const T0 = 1_730_000_000

/** Envelopes of `shop`, drawing ids from the generator's own seeded `int`, `hex` and `alnum`. */
export function shopEnvelopes(shop: string, agents: readonly string[], rng: { int: (lo: number, hi: number) => number; hex: (n: number) => string; alnum: (n: number) => string }) {
  const { int, hex, alnum } = rng
  /** The cookies of a storefront visitor: session, cart, consent, analytics. */
  const jar = (extra: string[] = []): string => {
    const t = T0 + int(0, 20_000_000)
    return [`_session_id=${hex(32)}`, `cart=${alnum(26)}`, `cookieconsent_status=dismiss`, `_ga=GA1.1.${int(1e8, 2e9)}.${t}`, `_gid=GA1.1.${int(1e8, 2e9)}.${t}`, ...extra].join('; ')
  }
  /** The cookies of a back-office user: the admin session and its CSRF token, the editor's preferences. */
  const adminJar = (): string => `_admin_session=${hex(40)}; csrf_token=${alnum(32)}; wp-settings-1=editor%3Dtinymce%26libraryContent%3Dbrowse; locale=fr`
  const base = (unit: Unit): Record<string, string> => ({
    host: shop,
    'user-agent': agents[fnv1a(unit.key) % agents.length]!,
    'accept-language': LANGS[fnv1a(`${unit.key}#lang`) % LANGS.length]!,
    'accept-encoding': 'gzip, deflate, br',
  })
  /** A page navigation (link or GET form) from `referer` on the shop. */
  const nav = (unit: Unit, referer: string, cookie: string): Record<string, string> => ({
    ...base(unit),
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    referer: `https://${shop}${referer}`,
    'upgrade-insecure-requests': '1',
    'sec-fetch-dest': 'document',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-user': '?1',
    cookie,
  })
  /** A form submitted as a page navigation. */
  const post = (unit: Unit, referer: string, cookie: string): Record<string, string> => ({
    ...nav(unit, referer, cookie),
    'content-type': 'application/x-www-form-urlencoded',
    origin: `https://${shop}`,
    'cache-control': 'max-age=0',
  })
  /** A fetch() from the shop's own page. */
  const call = (unit: Unit, referer: string, type: string | null, cookie: string, extra: Record<string, string> = {}): Record<string, string> => ({
    ...base(unit),
    accept: 'application/json, text/plain, */*',
    ...(type === null ? {} : { 'content-type': type, origin: `https://${shop}` }),
    referer: `https://${shop}${referer}`,
    'sec-fetch-dest': 'empty',
    'sec-fetch-mode': 'cors',
    'sec-fetch-site': 'same-origin',
    cookie,
    ...extra,
  })
  return { jar, adminJar, base, nav, post, call }
}
