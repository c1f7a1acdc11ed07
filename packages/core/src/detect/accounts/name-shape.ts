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

/**
 * Shortest stem that names someone rather than a word: a first and last name run together
 * (`leonwilliams`); `anna`, `leo` or `info` followed by digits are shared by chance.
 */
const MIN_STEM = 6

/**
 * The stem of a generated-looking name: the letters of a local part that is one run of letters
 * followed by one run of digits (`leonwilliams3542` → `leonwilliams`), null for any other name.
 * A farm numbering its accounts keeps the stem and changes the digits.
 */
export function nameStemOf(nameOrEmail: string): string | null {
  const at = nameOrEmail.indexOf('@')
  const local = (at < 0 ? nameOrEmail : nameOrEmail.slice(0, at)).slice(0, MAX_NAME).toLowerCase()
  let letters = 0
  while (letters < local.length && local[letters]! >= 'a' && local[letters]! <= 'z') letters++
  if (letters < MIN_STEM || letters === local.length) return null
  for (let i = letters; i < local.length; i++) {
    if (local[i]! < '0' || local[i]! > '9') return null
  }
  return local.slice(0, letters)
}

/** Shortest run of letters that counts as a name part (`ann`, `lee`), so initials match nothing. */
const MIN_NAME_PART = 3

/** The runs of letters in an e-mail local part or username: `paul.garcia33` → paul, garcia. */
function nameParts(nameOrEmail: string): string[] {
  const at = nameOrEmail.indexOf('@')
  const local = (at < 0 ? nameOrEmail : nameOrEmail.slice(0, at)).slice(0, MAX_NAME).toLowerCase()
  const parts: string[] = []
  let run = ''
  for (const ch of local) {
    if (ch >= 'a' && ch <= 'z') {
      run += ch
      continue
    }
    if (run.length >= MIN_NAME_PART) parts.push(run)
    run = ''
  }
  if (run.length >= MIN_NAME_PART) parts.push(run)
  return parts
}

/**
 * True when two addresses share a name part, either way round (`paul.garcia` and
 * `paulgarcia1990`): an owner moving to a new mailbox usually keeps their name in it, a
 * thief moving an account to their own mailbox does not.
 */
export function sharesName(a: string, b: string): boolean {
  return sharedPart(a, b, false)
}

/**
 * True when two addresses may be one family's or one person's: they share a name part other
 * than a first name alone. Each writing two names or more with only their first ones in common
 * (`tina_martin1978`, `tina_nguyen1985`) are two people who happen to share a first name; a
 * couple shares the surname (`anna.schmidt`, `peter.schmidt`), and one person writes the same
 * name twice. What it gives up: kin who both write the surname first (`garcia.ines`, `garcia.paul`)
 * read as strangers.
 */
export function sharesFamilyName(a: string, b: string): boolean {
  return sharedPart(a, b, true)
}

/** Whether a name part of `a` and one of `b` hold one another; with `notFirstNames`, two first parts count only where either address writes one name alone. */
function sharedPart(a: string, b: string, notFirstNames: boolean): boolean {
  const pa = nameParts(a)
  const pb = nameParts(b)
  const skipFirst = notFirstNames && pa.length >= 2 && pb.length >= 2
  return pa.some((x, i) => pb.some((y, j) => (x.includes(y) || y.includes(x)) && !(skipFirst && i === 0 && j === 0)))
}
