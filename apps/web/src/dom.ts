/**
 * Building DOM without HTML strings. Children that are strings become text nodes and
 * attributes are set one by one, so a value from the logs can never become markup:
 * nothing in the console assigns innerHTML.
 * @module
 */
export type Child = Node | string | number | null | undefined | false
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v)
    else if (k === 'href') el.setAttribute('href', safeHref(String(v)))
    else el.setAttribute(k, v === true ? '' : String(v))
  }
  append(el, ...children)
  return el
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c)
  }
}

/** Links go to the console's own hash routes only; anything else becomes inert. */
export function safeHref(href: string): string {
  return href.startsWith('#/') ? href : '#/'
}

export function hashLink(route: string, params: Record<string, string | number | undefined>, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href: routeHash(route, params) }, ...children)
}

export function routeHash(route: string, params: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return `#/${route}${s ? `?${s}` : ''}`
}
