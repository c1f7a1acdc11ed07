/**
 * The events explorer: newest first, a time range, a text search, and a one-click
 * include (+) or exclude (−) on any value shown.
 * @module
 */
import { getJson } from '../api.ts'
import { h } from '../dom.ts'
import { cellText, fmtTime } from '../format.ts'
import { timeRangePicker } from '../time-range.ts'
import { pager } from './detections.ts'
import { numParam } from './context.ts'
import type { Page } from './context.ts'

interface Filter {
  field: string
  value: string | number | boolean | null
  exclude?: boolean
}

const PAGE = 50
const SHOWN: Readonly<Record<'http' | 'app', readonly string[]>> = Object.freeze({
  http: ['source_ip', 'http_request_method', 'url_original', 'http_response_status_code', 'user_agent_original', 'source_geo_country_iso_code', 'user_name'],
  app: ['event_action', 'event_outcome', 'user_name', 'source_ip', 'device_id', 'user_agent_original'],
})

function parseFilters(raw: string | null): Filter[] {
  if (raw === null) return []
  try {
    const parsed: unknown = JSON.parse(raw)
    return Array.isArray(parsed) ? (parsed as Filter[]).filter((f) => typeof f?.field === 'string') : []
  } catch {
    return []
  }
}

export const eventsPage: Page = async (root, ctx) => {
  const p = ctx.params
  const table = p.get('table') === 'app' ? 'app' : 'http'
  const filters = parseFilters(p.get('filters'))
  const range = { from: numParam(p, 'from'), to: numParam(p, 'to') }
  const offset = numParam(p, 'offset') ?? 0
  const q = p.get('q') ?? undefined
  const state = { table, filters: JSON.stringify(filters), q, ...range }
  const go = (change: Partial<typeof state> & { offset?: number }): void =>
    ctx.go('events', { ...state, filters: filters.length ? state.filters : undefined, offset: undefined, ...change })
  const withFilter = (f: Filter): void => {
    const rest = filters.filter((x) => !(x.field === f.field && x.value === f.value))
    go({ filters: JSON.stringify([...rest, f]) })
  }

  const [page, stored] = await Promise.all([
    getJson<{ total: number; rows: Record<string, unknown>[] }>('/api/events', { ...state, limit: PAGE, offset }),
    getJson<{ data_range: { to: number } | null }>('/api/range'),
  ])

  const valueCell = (field: string, value: unknown): HTMLElement => {
    const v = value === undefined ? null : (value as Filter['value'])
    return h(
      'span',
      { class: 'value' },
      h('span', { class: 'text' }, cellText(value)),
      h('button', { type: 'button', class: 'inc', title: `only ${field} = this`, 'aria-label': `include ${field}`, onclick: () => withFilter({ field, value: v }) }, '+'),
      h('button', { type: 'button', class: 'exc', title: `without ${field} = this`, 'aria-label': `exclude ${field}`, onclick: () => withFilter({ field, value: v, exclude: true }) }, '−'),
    )
  }

  const search = h('input', { type: 'search', name: 'q', placeholder: 'search the raw line', 'aria-label': 'search raw events', value: q ?? '' })
  const searchForm = h('form', { class: 'inline' }, search, h('button', { type: 'submit' }, 'Search'))
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault()
    go({ q: search.value || undefined })
  })
  const tableSelect = h('select', { 'aria-label': 'event table' }, h('option', { value: 'http' }, 'HTTP requests'), h('option', { value: 'app' }, 'app events'))
  tableSelect.value = table
  tableSelect.addEventListener('change', () => ctx.go('events', { table: tableSelect.value, ...range }))

  const columns = SHOWN[table]
  const rows = page.rows.map((row) => {
    const detail = h('tr', { class: 'detail', hidden: true }, h('td', { colspan: columns.length + 2 }, h('dl', {}, ...Object.entries(row).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, k === 'ts' ? fmtTime(Number(v)) : valueCell(k, v))]))))
    const toggle = h('button', { type: 'button', class: 'expand', 'aria-label': 'show all fields', onclick: () => (detail.hidden = !detail.hidden) }, '▸')
    return [h('tr', {}, h('td', {}, toggle), h('td', { class: 'nowrap' }, fmtTime(Number(row.ts))), ...columns.map((c) => h('td', {}, valueCell(c, row[c])))), detail]
  })

  root.append(
    h('div', { class: 'toolbar' }, h('h2', {}, 'Events'), tableSelect, timeRangePicker(range, stored.data_range?.to ?? null, (r) => go({ ...r }))),
    h(
      'div',
      { class: 'filters' },
      searchForm,
      h(
        'span',
        { id: 'active-filters' },
        ...filters.map((f) =>
          h(
            'button',
            { type: 'button', class: `chip ${f.exclude ? 'chip-exc' : 'chip-inc'}`, title: 'remove this filter', onclick: () => go({ filters: JSON.stringify(filters.filter((x) => x !== f)) }) },
            `${f.exclude ? 'NOT ' : ''}${f.field} = ${cellText(f.value)} ✕`,
          ),
        ),
      ),
    ),
    h(
      'table',
      { class: 'events compact', id: 'events-table', 'data-total': page.total },
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'time'), ...columns.map((c) => h('th', {}, c)))),
      h('tbody', {}, ...rows.flat()),
    ),
    pager(page.total, offset, PAGE, (o) => ctx.go('events', { ...state, filters: filters.length ? state.filters : undefined, offset: o })),
  )
}
