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

export interface Catalog {
  firstProductId: number
  products: number
}

export function productId(catalog: Catalog, rng: Rng): number {
  // Popularity is skewed: a few products get most views.
  const skewed = Math.floor(catalog.products * rng.next() ** 2.2)
  return catalog.firstProductId + Math.min(catalog.products - 1, skewed)
}

export function searchTerm(rng: Rng): string {
  return rng.pick(SEARCH_TERMS)
}

export function searchPath(rng: Rng): string {
  const q = encodeURIComponent(searchTerm(rng)).replaceAll('%20', '+')
  return rng.chance(0.2) ? `/search?q=${q}&page=${rng.int(2, 4)}` : `/search?q=${q}`
}

export function categoryPath(rng: Rng): string {
  return `/c/${rng.pick(CATEGORIES)}`
}

export function pageBytes(rng: Rng): number {
  return rng.int(18_000, 64_000)
}

export function productImage(id: number): string {
  return `/img/p/${id}.webp`
}
