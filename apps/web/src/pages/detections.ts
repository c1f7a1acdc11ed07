/** Detections with filters, each with its explanation, evidence and related entities. */
import { getJson } from '../api.ts'
import { h, hashLink } from '../dom.ts'
import { fmtInt, fmtTime, SEVERITY_ORDER } from '../format.ts'
import { numParam } from './context.ts'
import type { Page } from './context.ts'

export interface Detection {
  id: string
  detector: string
  threat: string
  category: string
  entity: { type: string; value: string }
  score: number
  severity: string
  first_seen: string
  last_seen: string
  detected_at: string
  count: number
  explanation: string
  evidence: { field: string; value: string | number | boolean }[]
  related: { type: string; value: string }[]
}
interface Facet {
  value: string
  count: number
}

const PAGE = 50
const FILTER_KEYS = ['entity_type', 'threat', 'severity', 'min_score', 'q'] as const

function entityLink(e: { type: string; value: string }): HTMLElement {
  return hashLink('entity', { type: e.type, value: e.value }, `${e.type}: ${e.value}`)
}

export function detectionItem(d: Detection): HTMLElement {
  return h(
    'article',
    { class: `detection sev-${d.severity}`, 'data-id': d.id },
    h(
      'header',
      {},
      h('span', { class: `badge sev-${d.severity}` }, `${d.severity} ${d.score}`),
      h('strong', {}, d.threat),
      h('span', { class: 'muted' }, ` ${d.detector} · ${d.category}`),
      ' ',
      entityLink(d.entity),
    ),
    h('p', { class: 'explanation' }, d.explanation),
    h(
      'details',
      {},
      h('summary', {}, `${fmtInt(d.count)} events, ${fmtTime(d.first_seen)} → ${fmtTime(d.last_seen)}, raised ${fmtTime(d.detected_at)}`),
      d.evidence.length ? h('ul', { class: 'evidence' }, ...d.evidence.map((ev) => h('li', {}, h('code', {}, ev.field), ' = ', h('code', {}, String(ev.value))))) : null,
      d.related.length ? h('p', {}, 'Related: ', ...d.related.flatMap((r) => [entityLink(r), ' '])) : null,
    ),
  )
}

export const detectionsPage: Page = async (root, ctx) => {
  const p = ctx.params
  const offset = numParam(p, 'offset') ?? 0
  const current = Object.fromEntries(FILTER_KEYS.map((k) => [k, p.get(k) ?? undefined]))
  const [facets, list] = await Promise.all([
    getJson<Record<string, Facet[]>>('/api/detections/facets'),
    getJson<{ total: number; rows: Detection[] }>('/api/detections', { ...current, limit: PAGE, offset }),
  ])

  const select = (name: string, label: string, options: string[]): HTMLSelectElement => {
    const s = h('select', { name, 'aria-label': label }, h('option', { value: '' }, `any ${label}`), ...options.map((o) => h('option', { value: o }, o)))
    s.value = current[name] ?? ''
    return s
  }
  const form = h(
    'form',
    { class: 'filters', id: 'detection-filters' },
    select('entity_type', 'entity type', (facets.entity_type ?? []).map((f) => f.value)),
    select('threat', 'threat', (facets.threat ?? []).map((f) => f.value)),
    select('severity', 'severity', SEVERITY_ORDER.filter((s) => (facets.severity ?? []).some((f) => f.value === s))),
    h('input', { name: 'min_score', type: 'number', min: 0, max: 100, placeholder: 'min score', 'aria-label': 'minimum score', value: current.min_score ?? '' }),
    h('input', { name: 'q', type: 'search', placeholder: 'search explanations, entities…', 'aria-label': 'search', value: current.q ?? '' }),
    h('button', { type: 'submit' }, 'Filter'),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const data = new FormData(form)
    ctx.go('detections', Object.fromEntries(FILTER_KEYS.map((k) => [k, String(data.get(k) ?? '') || undefined])))
  })

  root.append(
    h('div', { class: 'toolbar' }, h('h2', {}, 'Detections'), h('span', { class: 'muted', id: 'detection-total' }, `${fmtInt(list.total)} matching`)),
    form,
    list.rows.length === 0 ? h('p', { class: 'empty' }, 'No detections match.') : h('div', { class: 'detections' }, ...list.rows.map(detectionItem)),
    pager(list.total, offset, PAGE, (o) => ctx.go('detections', { ...current, offset: o })),
  )
}

export function pager(total: number, offset: number, size: number, go: (offset: number) => void): HTMLElement {
  const last = Math.min(total, offset + size)
  return h(
    'div',
    { class: 'pager' },
    h('button', { type: 'button', disabled: offset <= 0, onclick: () => go(Math.max(0, offset - size)) }, '← previous'),
    h('span', {}, total === 0 ? '0' : `${fmtInt(offset + 1)}–${fmtInt(last)} of ${fmtInt(total)}`),
    h('button', { type: 'button', disabled: last >= total, onclick: () => go(offset + size) }, 'next →'),
  )
}
