/** The dashboard: headline figures, traffic and detections over time, top attackers. */
import { getJson } from '../api.ts'
import { timeChart } from '../charts.ts'
import type { SeriesData } from '../charts.ts'
import { h, hashLink } from '../dom.ts'
import { fmtInt } from '../format.ts'
import { table } from '../table.ts'
import { timeRangePicker } from '../time-range.ts'
import { numParam } from './context.ts'
import type { Page } from './context.ts'

interface Overview {
  data_range: { from: number; to: number } | null
  http: { events: number; ips: number; blocked: number; allowed: number; server_errors: number }
  app: { events: number; failed_logins: number; accounts: number }
  detections: { total: number; entities: number; by_severity: Record<string, number> }
  quarantined: number
}
interface TopRow {
  value: string | number | null
  label: string | null
  events: number
  blocked: number
}

function card(label: string, value: number, note?: string): HTMLElement {
  return h('div', { class: 'card' }, h('div', { class: 'card-value' }, fmtInt(value)), h('div', { class: 'card-label' }, label), note ? h('div', { class: 'muted' }, note) : null)
}

export const overviewPage: Page = async (root, ctx) => {
  const range = { from: numParam(ctx.params, 'from'), to: numParam(ctx.params, 'to') }
  const [o, traffic, bySeverity, byCategory] = await Promise.all([
    getJson<Overview>('/api/overview', range),
    getJson<SeriesData>('/api/series/traffic', range),
    getJson<SeriesData>('/api/series/detections', { ...range, split: 'severity' }),
    getJson<SeriesData>('/api/series/detections', { ...range, split: 'category' }),
  ])
  const top = (field: string): Promise<{ rows: TopRow[] }> => getJson('/api/top', { ...range, field, scope: 'attacking', limit: 10 })
  const [ips, asns, countries] = await Promise.all([top('source_ip'), top('source_as_number'), top('source_geo_country_iso_code')])

  const eventsLink = (field: string, value: TopRow['value'], text: string): HTMLElement =>
    ctx.me.role === 'viewer'
      ? h('span', {}, text)
      : hashLink('events', { ...range, filters: JSON.stringify([{ field, value }]) }, text)

  const topTable = (title: string, field: string, rows: TopRow[], entity?: string): HTMLElement =>
    h(
      'section',
      { class: 'panel', 'data-top': field },
      h('h3', {}, title),
      rows.length === 0
        ? h('p', { class: 'empty' }, 'No attacking traffic in this range.')
        : table(
            ['value', '', 'requests', 'blocked'],
            rows.map((r) => [
              entity ? hashLink('entity', { type: entity, value: String(r.value) }, String(r.value)) : eventsLink(field, r.value, String(r.value)),
              r.label ?? '',
              fmtInt(r.events),
              fmtInt(r.blocked),
            ]),
          ),
    )

  root.append(
    h('div', { class: 'toolbar' }, h('h2', {}, 'Overview'), timeRangePicker(range, o.data_range?.to ?? null, (r) => ctx.go('overview', { ...r }))),
    h(
      'div',
      { class: 'cards' },
      card('HTTP requests', o.http.events),
      card('client IPs', o.http.ips, 'approximate'),
      card('blocked', o.http.blocked, '403 / 429 / 444'),
      card('allowed', o.http.allowed),
      card('app events', o.app.events),
      card('failed logins', o.app.failed_logins),
      card('detections', o.detections.total, `${fmtInt(o.detections.entities)} entities`),
      card('quarantined lines', o.quarantined),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h3', {}, 'Blocked vs allowed'),
      h(
        'div',
        { class: 'ratio', role: 'img', 'aria-label': `${o.http.blocked} blocked of ${o.http.events}` },
        h('div', { class: 'ratio-blocked', 'data-share': o.http.events ? (o.http.blocked / o.http.events).toFixed(4) : '0' }),
      ),
      h('p', { class: 'muted' }, `${fmtInt(o.http.blocked)} blocked, ${fmtInt(o.http.allowed)} allowed`),
    ),
    h('div', { class: 'grid2' }, timeChart('Traffic (requests per bucket)', traffic), timeChart('Detections by severity', bySeverity)),
    h('div', { class: 'grid2' }, timeChart('Detections by category', byCategory), topTable('Top attacking IPs', 'source_ip', ips.rows, 'ip')),
    h('div', { class: 'grid2' }, topTable('Top attacking ASNs', 'source_as_number', asns.rows, 'asn'), topTable('Top attacking countries', 'source_geo_country_iso_code', countries.rows)),
  )
  // Width through CSSOM, which the CSP allows (a style="" attribute it would not).
  const bar = root.querySelector<HTMLElement>('.ratio-blocked')
  if (bar) bar.style.width = `${Number(bar.dataset.share) * 100}%`
}
