/**
 * The time-range picker: presets relative to the newest stored event, or two UTC
 * date-times. It reports epoch milliseconds.
 * @module
 */
import { h } from './dom.ts'

export interface Range {
  from?: number
  to?: number
}

const PRESETS: ReadonlyArray<[string, number | null]> = [
  ['All time', null],
  ['Last 15 min', 15 * 60_000],
  ['Last hour', 3600_000],
  ['Last 6 hours', 6 * 3600_000],
  ['Last 24 hours', 86400_000],
  ['Last 7 days', 7 * 86400_000],
]

const toInput = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 16))
const fromInput = (s: string): number | undefined => (s === '' ? undefined : Date.parse(`${s}:00Z`))

/** `dataEnd` anchors the presets, so a replayed log from last week still has a "last hour". */
export function timeRangePicker(current: Range, dataEnd: number | null, onChange: (r: Range) => void): HTMLElement {
  const from = h('input', { type: 'datetime-local', 'aria-label': 'from (UTC)', value: toInput(current.from) })
  const to = h('input', { type: 'datetime-local', 'aria-label': 'to (UTC)', value: toInput(current.to) })
  const preset = h(
    'select',
    { 'aria-label': 'time range preset' },
    h('option', { value: '', disabled: true }, 'Quick range…'),
    ...PRESETS.map(([label], i) => h('option', { value: i }, label)),
  )
  preset.value = ''
  preset.addEventListener('change', () => {
    const span = PRESETS[Number(preset.value)]?.[1]
    if (span === null || span === undefined || dataEnd === null) onChange({})
    else onChange({ from: dataEnd - span, to: dataEnd })
  })
  const apply = h('button', { type: 'button', onclick: () => onChange({ from: fromInput(from.value), to: fromInput(to.value) }) }, 'Apply')
  return h('div', { class: 'time-range' }, preset, h('label', {}, 'from ', from), h('label', {}, 'to ', to), h('span', { class: 'muted' }, 'UTC'), apply)
}
