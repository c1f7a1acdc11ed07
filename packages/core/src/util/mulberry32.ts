/**
 * Mulberry32: a small seeded generator for the places that need the same numbers on every
 * run (graph community detection, test traffic, benchmark inputs). The simulator has its
 * own per-actor streams (simulate/prng.ts).
 * @module
 */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
