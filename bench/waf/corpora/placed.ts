/**
 * The writer shared by the benign corpora of real text placed in requests (catalog, apps): one NDJSON line per
 * distinct request, numbered, labelled, and in the hold-out when its text's key falls there.
 * @module
 */
import { fnv1a } from './seeded-text.ts'

/** A request as a generator places a text in it. */
export interface Placed {
  kind: string
  method: string
  uri: string
  headers: Record<string, string>
  body?: string
}

/**
 * Lines `{id, ...labels, holdout, method, uri, headers, body}` with ids `<prefix>-0001` on; a request whose
 * `identity` was seen before is left out. The hold-out is the requests of 30 % of keys by FNV-1a.
 */
export function placedLines(prefix: string): { lines: string[]; add: (key: string, labels: Record<string, string>, p: Placed, identity: string) => void } {
  const lines: string[] = []
  const seen = new Set<string>()
  const add = (key: string, labels: Record<string, string>, p: Placed, identity: string): void => {
    if (seen.has(identity)) return
    seen.add(identity)
    lines.push(
      JSON.stringify({
        id: `${prefix}-${String(lines.length + 1).padStart(4, '0')}`,
        ...labels,
        holdout: fnv1a(key) % 10 < 3,
        method: p.method,
        uri: p.uri,
        headers: p.headers,
        ...(p.body === undefined ? {} : { body: p.body }),
      }),
    )
  }
  return { lines, add }
}
