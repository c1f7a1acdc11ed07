/** One entity: its risk and the reasons, its timeline, its related entities as a graph. */
import { getJson } from '../api.ts'
import { timeChart } from '../charts.ts'
import { append, h } from '../dom.ts'
import { cellText, fmtInt, fmtTime } from '../format.ts'
import type { GraphEdge, GraphNode } from '../graph.ts'
import { table } from '../table.ts'
import { detectionItem } from './detections.ts'
import type { Detection } from './detections.ts'
import type { Page } from './context.ts'

interface Profile {
  entity: { type: string; value: string }
  risk: { score: number; severity: string; reasons: { detection_id: string; detector: string; threat: string; score: number; link: string; explanation: string }[] }
  detections: Detection[]
  timeline: { buckets: number[]; http: number[]; app: number[] }
  recent: { table: 'http' | 'app'; event: Record<string, unknown> }[]
  graph: { nodes: GraphNode[]; edges: GraphEdge[] }
}

function describe(table: 'http' | 'app', e: Record<string, unknown>): string {
  if (table === 'app') return [e.event_action, e.event_outcome, e.event_reason, e.user_name].filter((x) => x !== null && x !== undefined).map(String).join(' ')
  return [e.http_request_method, e.url_original ?? e.url_path, e.http_response_status_code].filter((x) => x !== null && x !== undefined).map(String).join(' ')
}

export const entityPage: Page = async (root, ctx) => {
  const type = ctx.params.get('type') ?? ''
  const value = ctx.params.get('value') ?? ''
  if (type === '' || value === '') {
    root.append(h('p', { class: 'empty' }, 'Open an entity from a detection, a top list or the events explorer.'))
    return
  }
  // cytoscape is most of the bundle: load it only for the page that draws a graph.
  const [p, { entityGraph }] = await Promise.all([getJson<Profile>('/api/entity', { type, value }), import('../graph.ts')])
  append(
    root,
    h(
      'div',
      { class: 'toolbar' },
      h('h2', {}, h('span', { class: 'muted' }, `${p.entity.type} `), h('span', { id: 'entity-value' }, p.entity.value)),
      h('span', { class: `badge sev-${p.risk.severity}`, id: 'entity-risk' }, `risk ${p.risk.score} · ${p.risk.severity}`),
    ),
    p.risk.reasons.length
      ? h(
          'section',
          { class: 'panel' },
          h('h3', {}, 'Why this risk'),
          h('ul', {}, ...p.risk.reasons.map((r) => h('li', {}, h('strong', {}, `${r.score} ${r.threat}`), ` (${r.link}, ${r.detector}) `, r.explanation))),
        )
      : h('p', { class: 'muted' }, 'No detection names this entity.'),
    h(
      'div',
      { class: 'grid2' },
      timeChart('Timeline (events per bucket)', { buckets: p.timeline.buckets, series: p.timeline.buckets.length ? { http: p.timeline.http, app: p.timeline.app } : {} }),
      h(
        'section',
        { class: 'panel' },
        h('h3', {}, `Related entities (${fmtInt(p.graph.nodes.length - 1)})`),
        entityGraph(p.graph.nodes, p.graph.edges, (t, v) => ctx.go('entity', { type: t, value: v })),
        h('p', { class: 'muted' }, 'Size and red ring: detection score. Dashed: linked by a detection. Click a node to open it.'),
      ),
    ),
    p.detections.length ? h('section', { class: 'panel' }, h('h3', {}, 'Detections'), ...p.detections.map(detectionItem)) : null,
    h(
      'section',
      { class: 'panel' },
      h('h3', {}, 'Latest events'),
      table(
        ['time', 'kind', 'event', 'ip', 'user agent'],
        p.recent.map((r) => [fmtTime(Number(r.event.ts)), r.table, describe(r.table, r.event), cellText(r.event.source_ip), cellText(r.event.user_agent_original)]),
        { class: 'compact' },
      ),
    ),
  )
}
