/**
 * A small SQL lexer, dialect-tolerant (MySQL, PostgreSQL, MSSQL, Oracle, SQLite), in the
 * spirit of libinjection: it does not parse SQL, it classifies tokens so that the
 * detector can ask whether input breaks out of a literal and forms a statement.
 * @module
 */

export type SqlTokenType =
  | 's' // string literal
  | '1' // number, TRUE, FALSE, NULL
  | 'n' // identifier
  | 'v' // @variable, @@system_variable
  | 'f' // identifier directly called: name(
  | 'k' // keyword (FROM, WHERE, INTO, …)
  | 'E' // statement verb (SELECT, INSERT, DROP, EXEC, …)
  | 'U' // UNION
  | '&' // AND, OR, XOR, &&, ||
  | 'o' // operator (=, <>, LIKE, IS, IN, +, …)
  | '(' | ')' | ',' | ';'
  | 'c' // comment
  | '?' // anything else

export interface SqlToken {
  type: SqlTokenType
  /** Upper-cased word for identifiers and keywords; the text otherwise. */
  text: string
  start: number
  end: number
  /** String literal with no closing quote. */
  open?: boolean
}

const VERBS = new Set([
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'DROP', 'CREATE', 'ALTER', 'TRUNCATE', 'EXEC',
  'EXECUTE', 'DECLARE', 'SHUTDOWN', 'WAITFOR', 'MERGE', 'GRANT', 'REVOKE', 'CALL', 'RENAME', 'COPY',
])
const LOGIC = new Set(['AND', 'OR', 'XOR'])
const WORD_OPERATORS = new Set([
  'LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'IS', 'IN', 'BETWEEN', 'DIV', 'MOD', 'NOT', 'SOUNDS', 'COLLATE', 'GLOB',
])
const KEYWORDS = new Set([
  'FROM', 'WHERE', 'HAVING', 'GROUP', 'ORDER', 'BY', 'LIMIT', 'OFFSET', 'INTO', 'OUTFILE',
  'DUMPFILE', 'AS', 'SET', 'VALUES', 'TABLE', 'DATABASE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
  'EXISTS', 'ALL', 'ANY', 'DISTINCT', 'JOIN', 'ON', 'USING', 'PROCEDURE', 'DELAY', 'TOP',
  'VIEW', 'INDEX', 'USER', 'FUNCTION', 'TRIGGER', 'SCHEMA',
])
const VALUES = new Set(['TRUE', 'FALSE', 'NULL'])
/**
 * Each listed word's type when it is not called, the first set holding it winning as in
 * the order of checks this replaces: one lookup per word instead of one per set, and most
 * words are in none.
 */
const WORD_TYPES = new Map<string, SqlTokenType>()
for (const [words, type] of [[['UNION'], 'U'], [VERBS, 'E'], [LOGIC, '&'], [WORD_OPERATORS, 'o'], [VALUES, '1'], [KEYWORDS, 'k']] as const) {
  for (const w of words) if (!WORD_TYPES.has(w)) WORD_TYPES.set(w, type)
}

/** The words (upper-cased) the lexer gives one of `types` when they are not called. */
export function wordsOfType(...types: SqlTokenType[]): string[] {
  return [...WORD_TYPES].filter(([, t]) => types.includes(t)).map(([w]) => w)
}

/** The word (upper-cased) has a type of its own in SQL: a keyword, verb, logic or word operator, UNION, or a literal value. */
export function isSqlWord(upper: string): boolean {
  return WORD_TYPES.has(upper)
}

/** An ASCII letter. */
export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}
function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127
}
/** A character the lexer keeps inside a word (names, keywords, `schema.table`). */
export function isWordChar(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === 46
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Length of an ODBC escape's head at `i`: `{`, an identifier glued to it and a blank (`{if `, `{fn `, `{ts `); 0 when there is none. */
function odbcEscape(s: string, i: number): number {
  let j = i + 1
  while (j - i <= 8 && isLetter(s.charCodeAt(j))) j++
  return j > i + 1 && s[j] === ' ' ? j + 1 - i : 0
}

/** Index after the quote that closes a literal whose text starts at `from`; `-1` when unterminated. */
export function closingQuote(s: string, from: number, quote: string): number {
  for (let j = from; j < s.length; j++) {
    const ch = s[j]
    if (ch === '\\') j++
    else if (ch === quote) {
      if (s[j + 1] === quote) j++
      else return j + 1
    }
  }
  return -1
}

function classifyWord(upper: string, nextNonSpace: string | undefined): SqlTokenType {
  const listed = WORD_TYPES.get(upper)
  if (nextNonSpace === '(' && listed !== '&' && listed !== 'o' && listed !== 'U') {
    return listed === 'E' && upper !== 'EXEC' && upper !== 'EXECUTE' ? 'E' : 'f'
  }
  return listed ?? 'n'
}

/**
 * Tokenizes `input` as if it followed an opening `quote` (or stood bare when `quote` is
 * empty; a backtick opens a MySQL identifier, read as a literal is). With a quote, the text
 * up to the first closing quote is the literal the application wrapped it in; returns null
 * when the input never closes it, since then it cannot break out. Linear; at most
 * `maxTokens` tokens.
 */
export function tokenizeSql(input: string, quote: '' | "'" | '"' | '`', maxTokens = 256): SqlToken[] | null {
  const tokens: SqlToken[] = []
  let i = 0
  if (quote !== '') {
    const close = closingQuote(input, 0, quote)
    if (close < 0) return null
    tokens.push({ type: 's', text: input.slice(0, close - 1), start: 0, end: close })
    i = close
  }
  const s = input
  /** ODBC escapes open and not yet closed (`{if …}`), whose `}` is a closing parenthesis. */
  let odbc = 0
  while (i < s.length && tokens.length < maxTokens) {
    const c = s.charCodeAt(i)
    const ch = s[i]!
    if (c <= 32 || c === 0xa0) {
      i++
      continue
    }
    const start = i
    if (ch === "'" || ch === '"') {
      const end = closingQuote(s, i + 1, ch)
      if (end < 0) {
        tokens.push({ type: 's', text: s.slice(i + 1), start, end: s.length, open: true })
        break
      }
      tokens.push({ type: 's', text: s.slice(i + 1, end - 1), start, end })
      i = end
    } else if (ch === '`' || (ch === '[' && !(i > 0 && isWordChar(s.charCodeAt(i - 1))))) {
      // Quoted identifiers (MySQL backticks, MSSQL brackets). A bracket right after a name is a
      // subscript (`name[0 ;select …]`, a PHP array key), which reads what it holds as SQL.
      const close = ch === '`' ? '`' : ']'
      const end = s.indexOf(close, i + 1)
      const stop = end < 0 ? s.length : end + 1
      tokens.push({ type: 'n', text: s.slice(i + 1, stop - 1).toUpperCase(), start, end: stop })
      i = stop
    } else if ((ch === '-' && s[i + 1] === '-') || ch === '#') {
      const nl = s.indexOf('\n', i)
      const stop = nl < 0 ? s.length : nl
      tokens.push({ type: 'c', text: s.slice(i, stop), start, end: stop })
      i = stop
    } else if (ch === '/' && s[i + 1] === '*') {
      if (s[i + 2] === '!') {
        // MySQL executable comment: its content is code; the version number is noise.
        i += 3
        while (i < s.length && isDigit(s.charCodeAt(i)) && i - start < 8) i++
        continue
      }
      const close = s.indexOf('*/', i + 2)
      const stop = close < 0 ? s.length : close + 2
      tokens.push({ type: 'c', text: s.slice(i, stop), start, end: stop })
      i = stop
    } else if (ch === '*' && s[i + 1] === '/') {
      i += 2
    } else if (isDigit(c) || (ch === '.' && isDigit(s.charCodeAt(i + 1)))) {
      let j = i + 1
      if (ch === '0' && (s[j] === 'x' || s[j] === 'X' || s[j] === 'b' || s[j] === 'B')) {
        j++
        while (j < s.length && /[0-9a-fA-F]/.test(s[j]!)) j++
      } else {
        while (j < s.length && (isDigit(s.charCodeAt(j)) || s[j] === '.')) j++
        if ((s[j] === 'e' || s[j] === 'E') && (isDigit(s.charCodeAt(j + 1)) || ((s[j + 1] === '-' || s[j + 1] === '+') && isDigit(s.charCodeAt(j + 2))))) {
          j += 2
          while (j < s.length && isDigit(s.charCodeAt(j))) j++
        }
      }
      if (j < s.length && isWordChar(s.charCodeAt(j)) && s[j] !== '.') {
        // `1st`, `75oBC`: a word that starts with digits, not a number.
        while (j < s.length && isWordChar(s.charCodeAt(j))) j++
        tokens.push({ type: 'n', text: s.slice(i, j).toUpperCase(), start, end: j })
      } else {
        tokens.push({ type: '1', text: s.slice(i, j), start, end: j })
      }
      i = j
    } else if (ch === '@') {
      let j = i + 1
      if (s[j] === '@') j++
      while (j < s.length && isWordChar(s.charCodeAt(j))) j++
      tokens.push({ type: j > i + 1 ? 'v' : '?', text: s.slice(i, j).toUpperCase(), start, end: j })
      i = j
    } else if (isWordStart(c)) {
      let j = i + 1
      while (j < s.length && isWordChar(s.charCodeAt(j))) j++
      const upper = s.slice(i, j).toUpperCase()
      // Only `name(` is a call: `more (pack)` is how people write, `sleep(5)` how injections do.
      // The `*/` that closes an executable comment stands between them in `/*!SLEEP*/(5)`.
      const after = s[j] === '*' && s[j + 1] === '/' ? s[j + 2] : s[j]
      tokens.push({ type: classifyWord(upper, after), text: upper, start, end: j })
      i = j
    } else if (ch === '{' && odbcEscape(s, i) > 0) {
      // MySQL reads ODBC's `{identifier expr}` as `expr` (`or {if length((select …))>0}`): the
      // braces group what they hold, the identifier is dropped.
      const end = i + odbcEscape(s, i)
      tokens.push({ type: '(', text: '(', start, end })
      odbc++
      i = end
    } else if (ch === '}' && odbc > 0) {
      tokens.push({ type: ')', text: ')', start, end: i + 1 })
      odbc--
      i++
    } else if (ch === '(' || ch === ')' || ch === ',' || ch === ';') {
      tokens.push({ type: ch, text: ch, start, end: i + 1 })
      i++
    } else if ((ch === '&' && s[i + 1] === '&') || (ch === '|' && s[i + 1] === '|')) {
      // `||` is concatenation in standard SQL and OR in MySQL: either way it joins expressions.
      tokens.push({ type: ch === '&' ? '&' : 'o', text: ch + ch, start, end: i + 2 })
      i += 2
    } else if ('=<>!+-*/%^~|&:'.includes(ch)) {
      let j = i + 1
      while (j < s.length && j - i < 3 && '=<>!:'.includes(s[j]!)) j++
      tokens.push({ type: 'o', text: s.slice(i, j), start, end: j })
      i = j
    } else {
      tokens.push({ type: '?', text: ch, start, end: i + 1 })
      i++
    }
  }
  return tokens
}
