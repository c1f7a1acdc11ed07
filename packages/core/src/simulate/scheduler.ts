/**
 * Merges many actors' time-ordered outputs into one time-ordered stream with a binary
 * min-heap. Ties break by insertion order, so the merge is deterministic.
 * @module
 */
import type { Actor, AppEmission, Emission, HttpEmission } from './emission.ts'

/**
 * Spawns wait in the heap like any emission, so an actor starts only when the clock reaches
 * it: memory holds the actors running now, not every actor of the run.
 */
interface Slot {
  ts: number
  seq: number
  actor: Actor
  head: Emission | null
}

function before(a: Slot, b: Slot): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.seq < b.seq)
}

export class Scheduler {
  readonly #heap: Slot[] = []
  #seq = 0

  /** Adds an actor; its first emission decides where it sits. */
  add(actor: Actor): void {
    this.#advance({ ts: 0, seq: 0, actor, head: null })
  }

  /** Number of actors still running, a measure of memory held. */
  get active(): number {
    return this.#heap.length
  }

  /** Next request or event in time order, or null when every actor is done. */
  next(): HttpEmission | AppEmission | null {
    for (;;) {
      const top = this.#heap[0]
      if (top === undefined) return null
      const out = top.head
      const last = this.#heap.pop() as Slot
      if (this.#heap.length > 0) {
        this.#heap[0] = last
        this.#down(0)
      }
      this.#advance(top)
      if (out === null) continue
      if (out.kind === 'spawn') {
        this.add(out.actor)
        continue
      }
      return out
    }
  }

  #advance(slot: Slot): void {
    const r = slot.actor.next()
    if (r.done === true) return
    slot.head = r.value
    slot.ts = r.value.ts
    slot.seq = this.#seq++
    this.#push(slot)
  }

  #push(slot: Slot): void {
    const h = this.#heap
    h.push(slot)
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = h[parent] as Slot
      if (!before(slot, p)) break
      h[i] = p
      i = parent
    }
    h[i] = slot
  }

  #down(i: number): void {
    const h = this.#heap
    const slot = h[i] as Slot
    for (;;) {
      const l = 2 * i + 1
      if (l >= h.length) break
      const r = l + 1
      const child = r < h.length && before(h[r] as Slot, h[l] as Slot) ? r : l
      const c = h[child] as Slot
      if (!before(c, slot)) break
      h[i] = c
      i = child
    }
    h[i] = slot
  }
}
