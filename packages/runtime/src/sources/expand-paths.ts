/**
 * Turning the paths on the command line into the list of inputs: files as given,
 * directories walked recursively in sorted order without hidden entries, `-` for stdin.
 * @module
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

export type ExpandedPath = { kind: 'input'; path: string } | { kind: 'error'; path: string; message: string }

async function walk(dir: string, out: ExpandedPath[]): Promise<void> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort()
  } catch (e) {
    out.push({ kind: 'error', path: dir, message: (e as Error).message })
    return
  }
  for (const name of names) {
    const p = join(dir, name)
    let s
    try {
      s = await stat(p)
    } catch (e) {
      out.push({ kind: 'error', path: p, message: (e as Error).message })
      continue
    }
    if (s.isDirectory()) await walk(p, out)
    else if (s.isFile()) out.push({ kind: 'input', path: p })
  }
}

export async function expandPaths(paths: readonly string[]): Promise<ExpandedPath[]> {
  const out: ExpandedPath[] = []
  for (const p of paths) {
    if (p === '-') {
      out.push({ kind: 'input', path: p })
      continue
    }
    try {
      const s = await stat(p)
      if (s.isDirectory()) await walk(p, out)
      else out.push({ kind: 'input', path: p })
    } catch (e) {
      out.push({ kind: 'error', path: p, message: (e as Error).message })
    }
  }
  return out
}
