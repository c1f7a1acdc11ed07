/**
 * Non-cryptographic string hashes for sketches and stable ids. They need to be fast,
 * deterministic across runs and well mixed, not secret.
 * @module
 */

/**
 * 32-bit string hash: two multiply-xorshift lanes over the UTF-16 code units (cyrb53's
 * construction), folded together. Plain FNV-1a leaves structure for near-identical short
 * keys (IPs, numbered paths) that biases HyperLogLog by several percent; this does not.
 */
export function hash32(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h1 ^ h2) >>> 0
}

const HEX_SEEDS = [0, 0x9747b28c, 0x2545f491, 0x5bd1e995] as const

/** 128 bits as 32 hex characters, from four independently seeded 32-bit hashes. */
export function hashHex(s: string): string {
  let out = ''
  for (const seed of HEX_SEEDS) {
    out += hash32(s, seed).toString(16).padStart(8, '0')
  }
  return out
}
