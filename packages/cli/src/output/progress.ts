/**
 * A per-file progress bar on stderr, drawn only when stderr is a terminal (nothing at
 * all otherwise, so logs and pipes stay clean). Redraws at most ten times a second.
 * @module
 */
import pc from 'picocolors'

export interface ProgressState {
  label: string
  /** Units done and total (bytes); total null when unknown (stdin). */
  done: number
  total: number | null
  /** Shown after the bar, e.g. "120,000 lines". */
  detail: string
}

export interface ProgressBar {
  update(state: ProgressState): void
  /** Draws the final state of the current item and moves to a new line. */
  finish(state?: ProgressState): void
}

const WIDTH = 24
const MIN_REDRAW_MS = 100

function render(s: ProgressState, columns: number): string {
  const label = s.label.length > 40 ? `…${s.label.slice(-39)}` : s.label
  let bar = ''
  if (s.total !== null && s.total > 0) {
    const f = Math.min(1, s.done / s.total)
    const n = Math.round(f * WIDTH)
    bar = `[${'#'.repeat(n)}${'.'.repeat(WIDTH - n)}] ${String(Math.floor(f * 100)).padStart(3)}%`
  }
  const line = `${pc.bold(label)} ${bar} ${s.detail}`
  return line.length > columns ? line.slice(0, columns) : line
}

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, finish: () => {} }
  let last = 0
  let current: ProgressState | null = null
  const draw = (s: ProgressState) => stream.write(`\r\x1b[2K${render(s, stream.columns > 0 ? stream.columns : 100)}`)
  return {
    update(state) {
      current = state
      const now = performance.now()
      if (now - last < MIN_REDRAW_MS) return
      last = now
      draw(state)
    },
    finish(state) {
      const s = state ?? current
      if (s) {
        draw(s)
        stream.write('\n')
      }
      current = null
      last = 0
    },
  }
}
