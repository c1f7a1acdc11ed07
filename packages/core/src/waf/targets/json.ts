/**
 * JSON bodies: every key and string leaf at any depth becomes a target named by its
 * path. The walk is iterative and stops at the depth limit, so deep nesting costs
 * nothing beyond the parse.
 * @module
 */
import { jsonFrameFileText } from '../detectors/finding.ts'
import type { TargetSink } from './extract.ts'

/** Adds the body's keys and leaves; false when the body is not JSON. */
export function collectJson(sink: TargetSink, body: string): boolean {
  let root: unknown
  try {
    root = JSON.parse(body)
  } catch {
    return false
  }
  walkJson(sink, root)
  return true
}

/**
 * Adds the keys and string leaves of parsed JSON, depth first with the last child first
 * (a stack), each object's keys as it is opened.
 */
export function walkJson(sink: TargetSink, root: unknown): void {
  // Three parallel stacks rather than one of records: no object per node.
  const values: unknown[] = [root]
  const paths: string[] = ['']
  const depths: number[] = [0]
  while (values.length > 0) {
    const value = values.pop()
    const path = paths.pop()!
    const depth = depths.pop()!
    if (typeof value === 'string') {
      sink.add('body:json:', path, 'json', value)
    } else if (value !== null && typeof value === 'object') {
      if (depth >= sink.limits.maxJsonDepth) {
        sink.flag('json-depth')
        continue
      }
      const isArray = Array.isArray(value)
      const keys = isArray ? null : Object.keys(value)
      const n = isArray ? value.length : keys!.length
      for (let i = 0; i < n; i++) {
        if (!sink.param()) return
        const k = isArray ? String(i) : keys![i]!
        const child = path === '' ? k.slice(0, 64) : `${path}.${k.slice(0, 64)}`
        // A key reads with its parent where the pair is what a merge follows: `constructor` then
        // `prototype` reaches Object.prototype as `__proto__` does, and neither key says so alone.
        if (!isArray) sink.add('body:json-key:', child, 'json-key', k === 'prototype' ? `${path.slice(path.lastIndexOf('.') + 1)}.${k}` : k)
        const item = isArray ? value[i] : (value as Record<string, unknown>)[k]
        // A stack frame's file name reads with its frame, as in an envelope's text (stackFrameFile).
        const frameText = isArray || typeof item !== 'string' ? null : jsonFrameFileText(k, item, value as Record<string, unknown>)
        values.push(frameText ?? item)
        paths.push(child)
        depths.push(depth + 1)
      }
    }
  }
}

/** Longest text of a number in JSON (`-0.0000012345678901234567`), with room to spare. */
const MAX_NUMBER_TEXT = 32

/**
 * Whether a value a framework parsed can be walked as is with the same result as
 * serializing it and parsing the text again: it holds only what JSON.parse builds (plain
 * objects and arrays, strings, numbers, booleans, null), and its JSON text is surely
 * within `maxBytes` (an upper bound: every character escaped), so that text would not
 * have been cut. Stops as soon as the bound is passed, so a cycle or a huge body costs
 * at most `maxBytes` steps.
 */
export function walksLikeItsJson(root: unknown, maxBytes: number): boolean {
  if (root === null || typeof root !== 'object') return false
  const stack: unknown[] = [root]
  let bound = 0
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value === 'string') bound += 6 * value.length + 3
    else if (typeof value === 'number') bound += MAX_NUMBER_TEXT
    else if (value === null || typeof value === 'boolean') bound += 6
    else if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) return false
      bound += 2
      for (let i = 0; i < value.length; i++) stack.push(value[i])
    } else if (typeof value === 'object') {
      const proto: unknown = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) return false
      bound += 2
      for (const k of Object.keys(value)) {
        bound += 6 * k.length + 3
        stack.push((value as Record<string, unknown>)[k])
      }
    } else return false
    if (bound > maxBytes) return false
  }
  return true
}
