/**
 * Route templates for object-level access: `/api/orders/10442/items` becomes
 * `/api/orders/{id}/items` with object id `10442`. A segment is an id when it is all
 * digits, a UUID, or a long token mixing letters and digits — checked by character
 * class, no regular expressions, so hostile paths cost linear time.
 * @module
 */

const MAX_PATH = 2_048
const MAX_SEGMENTS = 32

export interface Route {
  template: string
  /** The last id segment: the object the request reads. */
  id: string
}

function isIdSegment(seg: string): boolean {
  if (seg.length === 0 || seg.length > 64) return false
  let digits = 0
  let letters = 0
  let hexOnly = true
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i)
    if (c >= 48 && c <= 57) digits++
    else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      letters++
      if (!((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) hexOnly = false
    } else if (c !== 45 && c !== 95) return false
  }
  if (digits === seg.length) return true
  if (digits === 0) return false
  // Hex tokens and UUIDs, or opaque ids like `ord_8f3kq92m` with enough digits to be generated.
  return (hexOnly && seg.length >= 8) || (seg.length >= 8 && digits >= 2 && letters >= 1)
}

export function routeOf(path: string): Route | null {
  if (path.length > MAX_PATH) return null
  const segments = path.split('/', MAX_SEGMENTS + 1)
  if (segments.length > MAX_SEGMENTS) return null
  let id: string | null = null
  const out: string[] = []
  for (const seg of segments) {
    if (isIdSegment(seg)) {
      id = seg
      out.push('{id}')
    } else {
      out.push(seg)
    }
  }
  return id === null ? null : { template: out.join('/'), id }
}
