/**
 * The simulated shop's catalogue and site map: what pages, assets and API routes exist,
 * and how large their responses are.
 * @module
 */
import type { Rng } from './prng.ts'

export const CATEGORIES = Object.freeze([
  'sneakers', 'running', 'jackets', 'hoodies', 'jeans', 'dresses', 'bags', 'watches',
  'sunglasses', 'kids', 'outdoor', 'accessories', 'sale', 'new-in',
])

const SEARCH_TERMS = Object.freeze([
  'running shoes', 'rain jacket', 'white sneakers', 'black hoodie', 'slim jeans', 'summer dress',
  'leather bag', 'smart watch', 'gift card', 'kids boots', 'wool socks', 'trail', 'sale',
  'linen shirt', 'backpack', 'yoga pants', 'puffer', 'cap', 'sandals', 'belt',
])

/** Fingerprinted build assets every page loads, then cached for the visit. */
export const PAGE_ASSETS = Object.freeze([
  { path: '/static/css/app.3f9a1c27.css', bytes: 48_213 },
  { path: '/static/js/vendor.1c2d3e4f.js', bytes: 182_554 },
  { path: '/static/js/app.8e1d2b6a.js', bytes: 96_120 },
  { path: '/static/fonts/inter-var.woff2', bytes: 71_004 },
  { path: '/favicon.ico', bytes: 4_286 },
])

/**
 * How the shop addresses its catalogue: `path` (`/p/10001`, `/c/sneakers`, `/search?q=`) or
 * `query`, the PHP-shop way, as OpenCart does (`/index.php?route=product/product&product_id=10001`,
 * `…route=product/category&path=20`, `…route=product/search&search=`), where every page
 * is one path and only the query tells pages apart.
 */
export const CATALOG_URL_STYLES = ['path', 'query'] as const
export type CatalogUrlStyle = (typeof CATALOG_URL_STYLES)[number]

export interface Catalog {
  firstProductId: number
  products: number
  urls: CatalogUrlStyle
}

export function productId(catalog: Catalog, rng: Rng): number {
  // Popularity is skewed: a few products get most views.
  const skewed = Math.floor(catalog.products * rng.next() ** 2.2)
  return catalog.firstProductId + Math.min(catalog.products - 1, skewed)
}

const ROUTE = '/index.php?route=product/'
/** Sort orders a PHP shop's listing links offer; picked by people, never changing the page. */
const SORTS = Object.freeze(['&sort=p.price&order=ASC', '&sort=p.price&order=DESC', '&sort=pd.name&order=ASC', '&sort=rating&order=DESC&limit=50'])

export function productPath(catalog: Catalog, id: number): string {
  return catalog.urls === 'query' ? `${ROUTE}product&product_id=${id}` : `/p/${id}`
}

/** A category's listing; with `page`, that page of it (crawlers ask for page 1 by number too). */
export function listingPath(catalog: Catalog, category: string, page?: number): string {
  // Categories are numbered in a PHP shop's URLs.
  const base = catalog.urls === 'path' ? `/c/${category}` : `${ROUTE}category&path=${20 + CATEGORIES.indexOf(category)}`
  return page === undefined ? base : `${base}${catalog.urls === 'path' ? '?' : '&'}page=${page}`
}

export function searchTerm(rng: Rng): string {
  return rng.pick(SEARCH_TERMS)
}

export function searchPath(catalog: Catalog, rng: Rng): string {
  const q = encodeURIComponent(searchTerm(rng)).replaceAll('%20', '+')
  const base = catalog.urls === 'path' ? `/search?q=${q}` : `${ROUTE}search&search=${q}`
  return rng.chance(0.2) ? `${base}&page=${rng.int(2, 4)}` : base
}

/** A category page as a person opens it: in a PHP shop, now and then sorted another way. */
export function categoryPath(catalog: Catalog, rng: Rng): string {
  const listing = listingPath(catalog, rng.pick(CATEGORIES))
  return catalog.urls === 'query' && rng.chance(0.3) ? `${listing}${rng.pick(SORTS)}` : listing
}

export function pageBytes(rng: Rng): number {
  return rng.int(18_000, 64_000)
}

export function productImage(id: number): string {
  return `/img/p/${id}.webp`
}
