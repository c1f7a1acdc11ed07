/**
 * A cheap shape signature for usernames and e-mail local parts, so that a farm's
 * `promo.hunter0412`, `promo.hunter7781`, … collapse to one key while unrelated people's
 * names stay apart: the first four letters, then the sequence of character classes with
 * runs collapsed (`a` letters, `9` digits, punctuation as itself).
 * @module
 */

const MAX_NAME = 128

export function shapeOf(nameOrEmail: string): string {
  const at = nameOrEmail.indexOf('@')
  const local = (at < 0 ? nameOrEmail : nameOrEmail.slice(0, at)).slice(0, MAX_NAME).toLowerCase()
  if (local === '') return ''
  let prefix = ''
  let classes = ''
  for (const ch of local) {
    const isLetter = ch >= 'a' && ch <= 'z'
    const isDigit = ch >= '0' && ch <= '9'
    if (isLetter && prefix.length < 4 && classes.length <= 1) prefix += ch
    const cls = isLetter ? 'a' : isDigit ? '9' : ch
    if (!classes.endsWith(cls)) classes += cls
  }
  // A plain name without digits has no generator's fingerprint on it.
  if (!classes.includes('9')) return ''
  return `${prefix}…${classes}`
}
