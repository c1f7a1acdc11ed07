/**
 * Serialises emissions: nginx `combined` plus the appended key=value fields of DESIGN.md §2
 * for requests, one ECS-style JSON object (dotted keys) per line for application events.
 * @module
 */
import type { AppEmission, HttpEmission } from './emission.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** `02/Nov/2026:10:00:01 +0000`, as nginx writes $time_local on a UTC host. */
export function nginxTime(ts: number): string {
  const d = new Date(ts)
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
}

/** nginx escapes `"`, `\` and control characters in logged strings as \xHH. */
function esc(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    out += c === 34 || c === 92 || c < 32 || c === 127 ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}` : s[i]
  }
  return out
}

function kv(v: string | null): string {
  return v === null || v === '' ? '-' : v
}

export function formatAccessLine(e: HttpEmission, host: string, time: string): string {
  return (
    `${e.ip} - - [${time}] "${e.method} ${esc(e.target)} ${e.protocol}" ${e.status} ${e.bytes} ` +
    `"${e.referrer === null ? '-' : esc(e.referrer)}" "${esc(e.ua)}" ` +
    `rt=${e.rt.toFixed(3)} host=${host} sid=${kv(e.sid)} ja4=${kv(e.ja4)} uid=${kv(e.uid)} dev=${kv(e.dev)}`
  )
}

export function formatAppEvent(e: AppEmission): string {
  const record: Record<string, string | number> = {
    '@timestamp': new Date(e.ts).toISOString(),
    'event.action': e.action,
    'source.ip': e.ip,
    'user_agent.original': e.ua,
  }
  if (e.sid !== null) record['session.id'] = e.sid
  if (e.dev !== null) record['device.id'] = e.dev
  if (e.uid !== null) record['user.id'] = e.uid
  if (e.uname !== null) record['user.name'] = e.uname
  for (const [k, v] of Object.entries(e.fields)) record[k] = v
  return JSON.stringify(record)
}
