/**
 * When a labelled fraud ring's evidence arrived: the event time at which three of its accounts
 * were first linked by a shared card, phone or address, before which no detector can tell a
 * ring from a couple sharing a card. Shared by the simulator and independent-corpus benchmarks.
 * @module
 */
import type { AppEvent } from '../../packages/core/src/index.ts'

/** The labelled rings, by id, with their member accounts. */
export interface RingLabels {
  rings: Record<string, { members: string[] }>
}

/** The fields of an application event the linker reads. */
export type RingEvent = Pick<AppEvent, 'ts' | 'user_id' | 'card_fingerprint' | 'user_phone_hash' | 'address_hash'>

/** Each labelled ring member's ring, and a union-find over the accounts added to `parent`. */
export function ringUnionFind(labels: RingLabels): { ringOf: Map<string, string>; parent: Map<string, string>; find: (x: string) => string } {
  const ringOf = new Map<string, string>()
  for (const [id, r] of Object.entries(labels.rings)) for (const m of r.members) ringOf.set(m, id)
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let r = x
    while (parent.get(r) !== r) r = parent.get(r)!
    parent.set(x, r)
    return r
  }
  return { ringOf, parent, find }
}

/** Union-find over each ring's accounts through the cards, phones and addresses they share. */
export function ringLinker(labels: RingLabels): (e: RingEvent) => [ring: string, ts: number] | null {
  const { ringOf, parent, find } = ringUnionFind(labels)
  const size = new Map<string, number>()
  const firstUser = new Map<string, string>()
  const done = new Set<string>()
  return (e) => {
    const a = e.user_id
    const ring = a === null ? undefined : ringOf.get(a)
    if (a === null || ring === undefined || done.has(ring)) return null
    if (!parent.has(a)) {
      parent.set(a, a)
      size.set(a, 1)
    }
    for (const node of [e.card_fingerprint && `c:${e.card_fingerprint}`, e.user_phone_hash && `p:${e.user_phone_hash}`, e.address_hash && `a:${e.address_hash}`]) {
      if (!node) continue
      const other = firstUser.get(node)
      if (other === undefined) {
        firstUser.set(node, a)
        continue
      }
      const [x, y] = [find(a), find(other)]
      if (x === y) continue
      parent.set(x, y)
      size.set(y, size.get(y)! + size.get(x)!)
      if (size.get(y)! >= 3) {
        done.add(ring)
        return [ring, e.ts]
      }
    }
    return null
  }
}
