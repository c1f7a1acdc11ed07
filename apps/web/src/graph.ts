/**
 * The related-entities graph on cytoscape: nodes are drawn on a canvas (labels are
 * canvas text, never markup); tapping a node opens that entity's page.
 * @module
 */
import cytoscape from 'cytoscape'
import { h } from './dom.ts'

export interface GraphNode {
  id: string
  type: string
  value: string
  score: number
  center: boolean
}
export interface GraphEdge {
  source: string
  target: string
  weight: number
  via: string
}

const TYPE_COLORS: Readonly<Record<string, string>> = Object.freeze({
  ip: '#3b82f6',
  account: '#a855f7',
  device: '#f97316',
  session: '#14b8a6',
  card: '#e11d48',
  asn: '#64748b',
  request: '#eab308',
})

function shorten(s: string): string {
  return s.length > 28 ? `${s.slice(0, 27)}…` : s
}

export function entityGraph(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  onOpen: (type: string, value: string) => void,
): HTMLElement {
  const container = h('div', { class: 'graph', id: 'entity-graph' })
  requestAnimationFrame(() => {
    const cy = cytoscape({
      container,
      elements: [
        ...nodes.map((n) => ({
          data: { id: n.id, label: `${n.type}: ${shorten(n.value)}`, type: n.type, value: n.value, score: n.score, center: n.center ? 1 : 0 },
        })),
        ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, weight: e.weight, via: e.via } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 10,
            color: '#1e293b',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'background-color': (n: cytoscape.NodeSingular) => TYPE_COLORS[String(n.data('type'))] ?? '#94a3b8',
            width: (n: cytoscape.NodeSingular) => 14 + Number(n.data('score')) / 4,
            height: (n: cytoscape.NodeSingular) => 14 + Number(n.data('score')) / 4,
            'border-width': (n: cytoscape.NodeSingular) => (Number(n.data('score')) >= 70 ? 3 : 0),
            'border-color': '#dc2626',
          },
        },
        { selector: 'node[center = 1]', style: { 'border-width': 4, 'border-color': '#0f172a' } },
        {
          selector: 'edge',
          style: {
            width: (e: cytoscape.EdgeSingular) => 1 + Math.min(5, Math.log10(1 + Number(e.data('weight')))),
            'line-color': '#cbd5e1',
            'line-style': (e: cytoscape.EdgeSingular) => (e.data('via') === 'detection' ? 'dashed' : 'solid'),
          },
        },
      ],
      layout: { name: 'concentric', concentric: (n: cytoscape.NodeSingular) => (n.data('center') === 1 ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 24 },
      wheelSensitivity: 0.3,
    })
    cy.on('tap', 'node', (evt) => {
      const n = evt.target as cytoscape.NodeSingular
      if (n.data('center') !== 1) onOpen(String(n.data('type')), String(n.data('value')))
    })
    container.dataset.nodes = String(cy.nodes().length)
    // Where each node was drawn, in container pixels: the canvas has no DOM per node, so
    // this is how automation (and devtools) find one to click.
    container.dataset.layout = JSON.stringify(cy.nodes().map((n) => ({ id: n.id(), ...n.renderedPosition() })))
  })
  return container
}
