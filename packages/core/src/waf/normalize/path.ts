/**
 * Path normalization as a server resolves it: backslashes are separators, `//` collapses,
 * `/./` disappears and `/../` climbs, never above the root.
 * @module
 */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/') || path.startsWith('\\')
  const out: string[] = []
  for (const seg of path.replaceAll('\\', '/').split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') out.pop()
    else out.push(seg)
  }
  const joined = out.join('/')
  return absolute ? `/${joined}` : joined
}

