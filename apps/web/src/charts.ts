/**
 * Time-series charts on uPlot (canvas; legends and axes are text nodes it builds).
 * @module
 */
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { h } from './dom.ts'

const PALETTE: Readonly<Record<string, string>> = Object.freeze({
  allowed: '#3b82f6',
  blocked: '#ef4444',
  critical: '#7f1d1d',
  high: '#dc2626',
  medium: '#f59e0b',
  low: '#10b981',
  info: '#94a3b8',
  http: '#3b82f6',
  app: '#a855f7',
})
const EXTRA = ['#0ea5e9', '#f97316', '#84cc16', '#e11d48', '#8b5cf6', '#14b8a6', '#eab308', '#64748b']

export interface SeriesData {
  buckets: number[]
  series: Record<string, number[]>
}

/** A chart of counts per time bucket, one line per series, or an empty note. */
export function timeChart(title: string, data: SeriesData, height = 220): HTMLElement {
  const box = h('section', { class: 'panel chart', 'data-chart': title }, h('h3', {}, title))
  const names = Object.keys(data.series).sort()
  if (data.buckets.length === 0 || names.length === 0) {
    box.append(h('p', { class: 'empty' }, 'No data in this range.'))
    return box
  }
  const target = h('div', { class: 'chart-canvas' })
  box.append(target)
  // uPlot needs a width: measure once the panel is in the document.
  requestAnimationFrame(() => {
    const width = Math.max(280, target.clientWidth)
    let extra = 0
    new uPlot(
      {
        width,
        height,
        scales: { x: { time: true } },
        axes: [{}, { size: 60 }],
        series: [
          {},
          ...names.map((name) => {
            const color = PALETTE[name] ?? EXTRA[extra++ % EXTRA.length]!
            return { label: name, stroke: color, fill: `${color}22`, width: 1.5, points: { show: false } }
          }),
        ],
      },
      [data.buckets.map((b) => b / 1000), ...names.map((n) => data.series[n]!)],
      target,
    )
  })
  return box
}
