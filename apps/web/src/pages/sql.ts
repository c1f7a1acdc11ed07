/** Read-only SQL over the store (admins). */
import { ApiFailure, postJson } from '../api.ts'
import { h } from '../dom.ts'
import { cellText } from '../format.ts'
import { table } from '../table.ts'
import type { Page } from './context.ts'

const EXAMPLE = `SELECT source_ip, count(*) AS requests
FROM http_events
GROUP BY source_ip
ORDER BY requests DESC
LIMIT 20`

export const sqlPage: Page = async (root, ctx) => {
  if (ctx.me.role !== 'admin') {
    root.append(h('p', { class: 'empty' }, 'SQL needs the admin role.'))
    return
  }
  const editor = h('textarea', { id: 'sql-input', rows: 8, spellcheck: 'false', 'aria-label': 'SQL' })
  editor.value = ctx.params.get('q') ?? EXAMPLE
  const out = h('div', { id: 'sql-result' })
  const run = async (): Promise<void> => {
    out.replaceChildren(h('p', { class: 'muted' }, 'Running…'))
    try {
      const r = await postJson<{ columns: string[]; rows: Record<string, unknown>[]; truncated: boolean }>('/api/sql', { sql: editor.value })
      out.replaceChildren(
        h('p', { class: 'muted' }, `${r.rows.length} rows${r.truncated ? ' (first 1000 shown)' : ''}`),
        table(r.columns, r.rows.map((row) => r.columns.map((c) => cellText(row[c]))), { class: 'compact' }),
      )
    } catch (e) {
      out.replaceChildren(h('p', { class: 'error', role: 'alert' }, e instanceof ApiFailure ? e.message : String(e)))
    }
  }
  const form = h('form', { class: 'sql' }, editor, h('div', {}, h('button', { type: 'submit', id: 'sql-run' }, 'Run'), h('span', { class: 'muted' }, ' One read-only statement: SELECT, WITH, DESCRIBE, SHOW. Tables: http_events, app_events, detections, quarantine.')))
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    void run()
  })
  root.append(h('div', { class: 'toolbar' }, h('h2', {}, 'SQL')), form, out)
}
