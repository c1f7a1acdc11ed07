/**
 * What the corpus generators that expand tools' payloads share (generate-corpus-7.ts, generate-corpus-8.ts): payloads
 * gathered per class, one a line with control characters written as the earlier corpora's lists write them, and a seeded
 * draw of a tool's many expansions.
 * @module
 */
import { writeFileSync } from 'node:fs'
import { mulberry32 } from '../../../packages/core/src/util/mulberry32.ts'

const DIR = new URL('./', import.meta.url)
const CONTROL: Record<string, string> = { '\r': '%0D', '\n': '%0A', '\t': '%09', '\f': '%0C', '\x1a': '%1A', '\0': '%00', '\v': '%0B' }
const oneLine = (value: string): string => value.replace(/[\r\n\t\f\v\x1a\0]/g, (c) => CONTROL[c]!)

export type Lists = Map<string, string[]>
export function add(lists: Lists, cls: string, values: Iterable<string>): void {
  const list = lists.get(cls) ?? []
  for (const v of values) list.push(oneLine(v))
  lists.set(cls, list)
}
/** Writes `<tool>/<class>.txt` beside this file for each class. */
export function write(tool: string, lists: Lists): void {
  for (const [cls, values] of lists) writeFileSync(new URL(`${tool}/${cls}.txt`, DIR), `${values.join('\n')}\n`)
  console.log(`${tool}:`, [...lists].map(([c, v]) => `${c} ${v.length}`).join(', '))
}
/** A seeded Fisher-Yates draw of `n`: which of a tool's many expansions the corpus keeps, never chosen by verdict. */
export function sample<T>(xs: readonly T[], n: number, seed: number): T[] {
  const rand = mulberry32(seed)
  const a = [...xs]
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a.slice(0, n)
}
