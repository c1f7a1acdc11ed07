/**
 * JSON bodies: every key and string leaf at any depth becomes a target named by its
 * path. The walk is iterative and stops at the depth limit, so deep nesting costs
 * nothing beyond the parse.
 * @module
 */
import type { TargetSink } from './extract.ts'

/** Adds the body's keys and leaves; false when the body is not JSON. */
export function collectJson(sink: TargetSink, body: string): boolean {
  let root: unknown
  try {
    root = JSON.parse(body)
  } catch {
    return false
  }
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }]
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!
    if (typeof value === 'string') {
      sink.add(`body:json:${path}`, 'json', value)
    } else if (value !== null && typeof value === 'object') {
      if (depth >= sink.limits.maxJsonDepth) {
        sink.truncated.add('json-depth')
        continue
      }
      const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
      for (const [k, v] of entries) {
        if (!sink.param()) return true
        const child = path === '' ? k.slice(0, 64) : `${path}.${k.slice(0, 64)}`
        if (!Array.isArray(value)) sink.add(`body:json-key:${child}`, 'json-key', k)
        stack.push({ value: v, path: child, depth: depth + 1 })
      }
    }
  }
  return true
}
