/**
 * The Poisson upper tail that the surge detectors (rare-event surges of account events, product
 * demand, bot cohorts) judge a count against the stream's own rate with.
 * @module
 */

/** P(X ≥ k) for X ~ Poisson(λ), summed upwards from k (exact for the tiny tails tested here). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1
  if (lambda <= 0) return 0
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k)
  let sum = 0
  for (let i = k; i < k + 200; i++) {
    const term = Math.exp(logTerm)
    sum += term
    if (i > lambda && term < sum * 1e-12) break
    logTerm += Math.log(lambda) - Math.log(i + 1)
  }
  return Math.min(1, sum)
}

function logFactorial(n: number): number {
  let s = 0
  for (let i = 2; i <= n; i++) s += Math.log(i)
  return s
}
