/** Plain tables whose cells are text (or nodes built with h()). */
import { h } from './dom.ts'
import type { Child } from './dom.ts'

export function table(head: readonly string[], rows: readonly (readonly Child[])[], attrs: Record<string, string> = {}): HTMLTableElement {
  return h(
    'table',
    attrs,
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  )
}
