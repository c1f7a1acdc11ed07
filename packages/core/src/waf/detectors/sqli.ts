/**
 * SQL injection by syntax: the value is lexed in each literal context an application
 * might place it in (bare/numeric, inside '…', inside "…", inside a MySQL `…` identifier), and flagged only when it
 * leaves that literal and goes on to form SQL: a boolean clause, UNION SELECT, a stacked
 * statement, a subquery, a comment that cuts the query short, or a database-only function.
 * @module
 */
import { excerptAt, inProseCodeSpan, type Detector, type Finding } from './finding.ts'
import { closingQuote, isLetter, isSqlWord, isWordChar, tokenizeSql, wordsOfType, type SqlToken } from './sql-tokenizer.ts'

const CONTEXTS = ['', "'", '"', '`'] as const
type Context = (typeof CONTEXTS)[number]

const CONTEXT_NAMES: Record<Context, string> = {
  '': 'as a bare or numeric value',
  "'": "inside a '…' string",
  '"': 'inside a "…" string',
  '`': 'inside a `…` identifier',
}

/** Functions that exist to probe or abuse a database; a call to one is SQL, not prose. */
const ATTACK_FUNCTIONS = new Set([
  'BENCHMARK', 'PG_SLEEP', 'LOAD_FILE', 'XP_CMDSHELL', 'SYS_EVAL', 'SYS_EXEC', 'EXTRACTVALUE',
  'UPDATEXML', 'DBMS_PIPE.RECEIVE_MESSAGE', 'UTL_HTTP.REQUEST', 'UTL_INADDR.GET_HOST_ADDRESS',
  'MASTER.DBO.XP_CMDSHELL', 'NAME_CONST', 'OPENROWSET', 'DBMS_XMLGEN.GETXML', 'RANDOMBLOB', 'ZEROBLOB',
  // PostgreSQL's server-side file and large-object functions: read a file of the database host
  // (`lo_import('/etc/passwd')`, `pg_read_file(…)`) or hand a large object's bytes back (`lo_get(16400)`).
  'PG_READ_FILE', 'PG_READ_BINARY_FILE', 'PG_LS_DIR', 'LO_IMPORT', 'LO_EXPORT', 'LO_GET', 'LO_PUT', 'LO_FROM_BYTEA',
])
/**
 * MySQL functions whose first argument picks what they return: over a comparison of two constants
 * (`IF(1=1,price,name)`, `MAKE_SET(9463=2728,2728)`, `ELT(5=5,1)`) they answer a boolean probe.
 */
const BOOLEAN_PICKERS = new Set(['IF', 'MAKE_SET', 'ELT'])
/** Identifiers that only appear in queries against a database's own catalog. */
const CATALOG_NAMES = ['INFORMATION_SCHEMA', 'SQLITE_MASTER', 'MYSQL.USER', 'PG_CATALOG', 'SYSOBJECTS', 'SYS.OBJECTS', 'XP_CMDSHELL', 'ALL_TABLES', 'PG_SHADOW']
/** Oracle packages that reach the network, files or other sessions: named at all (`||UTL_HTTP.REQUEST`), they are SQL. */
const SYSTEM_PACKAGES = ['UTL_HTTP', 'UTL_INADDR', 'UTL_FILE', 'UTL_SMTP', 'UTL_TCP', 'DBMS_PIPE', 'DBMS_LDAP']
/** `master..sysservers`, `msdb..backupset`: a letter must follow the two dots (`master...` ends a sentence). Anchored, linear. */
const SYSTEM_DATABASE_OBJECT = /^(?:MASTER|MSDB|TEMPDB|MODEL)\.\.[A-Z_]/
/** A word shorter than every catalog (or package) name contains none of them (most words are). */
const SHORTEST_CATALOG_NAME = Math.min(...CATALOG_NAMES.map((n) => n.length))
const SHORTEST_PACKAGE_NAME = Math.min(...SYSTEM_PACKAGES.map((n) => n.length))

interface Hit {
  rule: string
  level: 1 | 2 | 3
  at: SqlToken
  why: string
}

const isOperand = (t: SqlToken | undefined): boolean =>
  t !== undefined && (t.type === 's' || t.type === '1' || t.type === 'n' || t.type === 'v')

/** A token of one of `types` or one of `words` within `span` tokens after `i`. */
function within(t: SqlToken[], i: number, types: string, words: readonly string[], span = 24): boolean {
  for (let k = i + 1; k < Math.min(t.length, i + span); k++) {
    if (types.includes(t[k]!.type) || words.includes(t[k]!.text)) return true
  }
  return false
}

/** Does the statement starting with the verb at `i` have the shape of real SQL rather than prose? */
function statementShape(t: SqlToken[], i: number): 0 | 1 | 2 | 3 {
  const verb = t[i]!.text
  const next = t[i + 1]
  switch (verb) {
    case 'SELECT': {
      if (next === undefined) return 0
      if (next.type === 'v' || next.type === 'f' || next.type === '(' || next.text === '*') return 1
      // `SELECT CASE WHEN … THEN` is the conditional of a boolean-blind probe (in a sort key, a subquery).
      if (next.text === 'CASE' && t[i + 2]?.text === 'WHEN') return 1
      if (next.type !== '1' && next.type !== 's' && next.type !== 'n') return 0
      const after = t[i + 2]
      if (after?.type === ',' && isOperand(t[i + 3])) return next.type !== 'n' ? 1 : within(t, i, '', ['FROM']) ? 2 : 3
      if (after?.type === 'o' && after.text !== '-' && after.text !== '/') return 1
      // `select size from menu` is also English: only a number or string column is SQL enough.
      if (after?.text === 'FROM' && t[i + 3]?.type === 'n') return next.type === 'n' ? 3 : 1
      return within(t, i, 'U', [], 12) ? 1 : 0
    }
    case 'INSERT':
      return next?.text === 'INTO' ? 1 : 0
    case 'UPDATE':
      return next?.type === 'n' && t[i + 2]?.text === 'SET' ? 1 : 0
    case 'DELETE':
      return next?.text === 'FROM' ? 1 : 0
    case 'DROP':
    case 'CREATE':
    case 'ALTER':
    case 'TRUNCATE':
    case 'RENAME':
      return next !== undefined && ['TABLE', 'DATABASE', 'USER', 'PROCEDURE', 'FUNCTION', 'VIEW', 'INDEX', 'TRIGGER', 'SCHEMA'].includes(next.text) ? 1 : 0
    case 'COPY':
      // PostgreSQL's COPY … TO/FROM PROGRAM runs a shell command as the database's user.
      return within(t, i, '', ['PROGRAM'], 32) && within(t, i, '', ['TO', 'FROM'], 32) ? 1 : 0
    case 'DECLARE':
      return next?.type === 'v' ? 1 : 0
    case 'CALL':
      // A procedure called with a call as its first argument (`CALL REGEXP_SUBSTRING(REPEAT(…`,
      // sqlmap's heavy query); `call me (mobile)` names no function inside.
      return next?.type === 'f' && t[i + 2]?.type === '(' && t[i + 3]?.type === 'f' ? 1 : 0
    case 'EXEC':
    case 'EXECUTE':
      // Oracle's EXECUTE IMMEDIATE runs a string built at run time ('sel' || 'ect …'); MySQL's
      // EXECUTE runs a statement the value prepared from a string or variable (PREPARE s FROM @a).
      return next !== undefined && (next.type === 'v' || next.type === '(' || next.text === 'IMMEDIATE' || /^(MASTER|XP_|SP_)/.test(next.text) || (verb === 'EXECUTE' && next.type === 'n' && prepared(t, i, next.text))) ? 1 : 0
    case 'WAITFOR':
      return next?.text === 'DELAY' || next?.text === 'TIME' ? 1 : 0
    case 'SHUTDOWN':
      return next === undefined || next.type === 'c' || next.type === ';' ? 1 : 0
    case 'GRANT':
    case 'REVOKE':
      return within(t, i, '', ['TO', 'ON', 'FROM']) ? 2 : 0
    default:
      return 0
  }
}

/** Tokens read back from an EXECUTE for the PREPARE of its statement. */
const MAX_PREPARE_TOKENS = 64

/**
 * `PREPARE <name> FROM` comes before the EXECUTE at `i` (MySQL's dynamic SQL: the statement is
 * text the value built, `SET @a = 0x…; PREPARE s FROM @a; EXECUTE s`). Read only where EXECUTE
 * is, so the pre-screen needs no new word: a prepared statement runs only when executed.
 */
function prepared(t: SqlToken[], i: number, name: string): boolean {
  for (let k = i - 3; k >= Math.max(0, i - MAX_PREPARE_TOKENS); k--) {
    if (t[k]!.text === 'PREPARE' && t[k + 1]!.text === name && t[k + 2]!.text === 'FROM') return true
  }
  return false
}

/** INTO and a name follow the SELECT at `i` within its statement (before FROM, `;` or the end). */
function selectInto(t: SqlToken[], i: number): boolean {
  for (let k = i + 1; k < Math.min(t.length - 1, i + 24); k++) {
    if (t[k]!.type === ';' || t[k]!.text === 'FROM') return false
    if (t[k]!.text === 'INTO') return t[k + 1]!.type === 'n' || t[k + 1]!.type === 'v'
  }
  return false
}

/** The first operand of the expression that starts at `i`, past a NOT and opening parentheses. */
function operandAt(t: SqlToken[], i: number): number {
  let k = i
  if (t[k]?.text === 'NOT' || t[k]?.text === '!') k++
  while (t[k]?.type === '(') k++
  return k
}

/** The operator after the operand at `k`, past the parentheses it closes (`('x')=('x`). */
function operatorAfter(t: SqlToken[], k: number): number {
  let m = k + 1
  while (t[m]?.type === ')' && m < k + 4) m++
  return m
}

/**
 * The expression after AND/OR: a comparison, a call or a subquery (level 1), a lone
 * truthy value cut off by a comment (1), a call written with a blank before its `(` that
 * ends the query (2), or a lone value at the very end (3: `5' or 6` is also how people write
 * heights).
 */
function booleanClause(t: SqlToken[], i: number): 0 | 1 | 2 | 3 {
  const k = operandAt(t, i)
  const a = t[k]
  if (a === undefined) return 0
  if (a.type === 'f' || a.text === 'EXISTS') return 1
  if (a.type === 'n' && t[k + 1]?.type === '(' && callEndsQuery(t, k + 1)) return 2
  if (a.type === 'E') return statementShape(t, k) === 1 ? 1 : 0
  if (!isOperand(a)) return 0
  const m = operatorAfter(t, k)
  const op = t[m]
  if (nullTest(op)) return 1
  if (op?.type === 'c' || op?.type === ';') return a.type === '1' || a.type === 's' ? 1 : 0
  if (op === undefined) return a.type === '1' || a.type === 's' ? 3 : 0
  if (op.type === 'o' && op.text !== '||' && op.text !== '.' && op.text !== ':') {
    const j = pastQuantifier(t, m + 1)
    const b = t[j]
    // A number followed at once by another literal ends no expression SQL can end (`1/2" OR
    // 3/4" fittings`: two sizes in inch marks, read as `3/4 " fittings"`); a name may prefix a
    // string it is glued to (`N'text'`, `_utf8'x'`).
    if (b?.type === '1' && isOperand(t[j + 1])) return 0
    return b !== undefined && (isOperand(b) || b.type === '(' || b.type === 'f' || b.type === 'o') ? 1 : 0
  }
  return 0
}

/**
 * Past a COLLATE clause at `i` (a name, a quoted name, or PostgreSQL's `U&"…"`): the collation
 * belongs to the literal it follows (`user' collate nocase--` compares as `user'--` does, case
 * folded), so what comes after it is what follows the literal.
 */
function pastCollation(t: SqlToken[], i: number): number {
  if (t[i]?.text !== 'COLLATE') return i
  const name = t[i + 1]
  if (name?.type === 'n' && name.text === 'U' && t[i + 2]?.text === '&' && t[i + 3]?.type === 's') return i + 4
  return name?.type === 'n' || (name?.type === 's' && name.open !== true) ? i + 2 : i
}

/** SQLite's and PostgreSQL's postfix NOTNULL and ISNULL, a whole condition on the operand before them (`email notnull`). */
const nullTest = (t: SqlToken | undefined): boolean => t?.type === 'n' && (t.text === 'NOTNULL' || t.text === 'ISNULL')

/** PostgreSQL's number types: text cast to one fails with an error that quotes the text. */
const NUMBER_TYPES = new Set(['INT', 'INTEGER', 'INT2', 'INT4', 'INT8', 'SMALLINT', 'BIGINT', 'NUMERIC', 'DECIMAL', 'REAL', 'FLOAT', 'FLOAT4', 'FLOAT8'])

/**
 * The value is a call cast to a number with `::` (`overlay(password placing '' from 1 for 0)::int`):
 * in place of a numeric id, PostgreSQL evaluates it over the row and its error message prints the
 * column's text, the error-based read. The cast ends the value or a clause follows it (`… ::int and
 * id=1`); pasted SQL casts inside a statement, which starts with its verb, and prose goes on in words.
 */
function castToNumber(t: SqlToken[]): boolean {
  let depth = 0
  for (let m = 1; m < Math.min(t.length, MAX_CALL_TOKENS); m++) {
    if (t[m]!.type === '(') depth++
    else if (t[m]!.type === ')' && --depth === 0) {
      const after = t[m + 3]
      return t[m + 1]?.text === '::' && NUMBER_TYPES.has(t[m + 2]?.text ?? '') && (after === undefined || after.type === '&' || after.type === 'c' || after.type === ';')
    }
  }
  return false
}

/** Tokens read to find the `)` that closes a call's arguments. */
const MAX_CALL_TOKENS = 48

/**
 * The parenthesis at `open` closes, with any `)` after it, right before a `;` or a comment
 * that ends the value: `unlikely (id)--`, `json_search (json_array(password),…)#`. SQLite,
 * PostgreSQL and SQL Server call a function with blanks or comments before its `(` too, where
 * prose writes `or boots (size 10)` and goes on, or ends there without cutting anything.
 */
function callEndsQuery(t: SqlToken[], open: number): boolean {
  let depth = 0
  for (let m = open; m < Math.min(t.length, open + MAX_CALL_TOKENS); m++) {
    const type = t[m]!.type
    if (type === '(') depth++
    else if (type === ')' && --depth === 0) {
      let after = m + 1
      while (t[after]?.type === ')') after++
      const end = t[after]
      return end !== undefined && (end.type === ';' || (end.type === 'c' && after === t.length - 1))
    }
  }
  return false
}

const COMPARISONS = new Set(['=', '==', '<', '>', '<=', '>=', '<>', '!=', '<=>', 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'IS', 'IN', 'BETWEEN'])

/**
 * The token at `j`, or past a quantifier there: `= ALL (SELECT …)`, `> ANY (…)`, `= SOME (…)`
 * compare with each row of a subquery, as `= (SELECT …)` compares with its one row.
 */
function pastQuantifier(t: SqlToken[], j: number): number {
  const q = t[j]
  return q !== undefined && (q.text === 'ALL' || q.text === 'ANY' || q.text === 'SOME') && t[j + 1]?.type === '(' ? j + 1 : j
}
/** Comparisons written with symbols, which a value of plain words never holds (see plainWords). */
const SYMBOL_COMPARISONS = new Set(['=', '==', '<', '>', '<=', '>=', '<>', '!=', '<=>'])

/**
 * A condition after the AND/OR at `i` that only SQL writes: a call, a subquery, a truthy
 * literal cut by a comment (booleanClause at level 1), or a comparison, not arithmetic
 * (`or 2 + 2` is a sum), of a constant, or of a name with itself (`x=x`) or a call
 * (`username like char(37)`): `and price = low` is also how people write.
 */
function conditionAfter(t: SqlToken[], i: number): boolean {
  if (booleanClause(t, i) !== 1) return false
  const k = operandAt(t, i)
  const a = t[k]!
  const m = operatorAfter(t, k)
  const op = t[m]
  if (!isOperand(a) || op?.type !== 'o') return true
  const j = pastQuantifier(t, m + 1)
  const b = t[j]
  return COMPARISONS.has(op.text) && (a.type !== 'n' || b?.text === a.text || b?.type === 'f' || (j > m + 1 && t[j + 1]?.text === 'SELECT'))
}

/**
 * A comparison after the AND/OR at `i` (`x=y`) that a comment then cuts off with nothing
 * after it (`OR x=y-- `, `OR x=y#`): the rest of the query is dropped, as only an injection
 * wants; `or size=large -- thanks` goes on in words.
 */
function comparisonCut(t: SqlToken[], i: number): boolean {
  const k = operandAt(t, i)
  if (!isOperand(t[k])) return false
  const m = operatorAfter(t, k)
  const op = t[m]
  const end = t[m + 2]
  return op?.type === 'o' && COMPARISONS.has(op.text) && isOperand(t[m + 1]) && endingComment(t, m + 2)
}

/**
 * The token at `k` is a `--` or `#` comment with nothing in it that ends the value: `-- `, or
 * `--+` as tools write the blank MySQL needs after `--` where `+` is no space (a JSON body).
 */
function endingComment(t: SqlToken[], k: number): boolean {
  return k === t.length - 1 && t[k]!.type === 'c' && /^(?:--|#)[\s+]*$/.test(t[k]!.text)
}

/** Tokens read by expressionCut. */
const MAX_EXPRESSION_TOKENS = 32

/**
 * From the operator at `i` right after the closed literal, an expression of operands, operators
 * and calls, one call at least, up to an empty comment that ends the value (`1' + 1 is
 * likelihood(0.0,0.0) is 1--`, `x' * exp(710)#`): the literal goes on as SQL the value wrote and the
 * rest of the query is dropped. Words after a literal (`Tom's + Jerry(2) --`) start no operator.
 */
function expressionCut(t: SqlToken[], i: number): boolean {
  const last = t.length - 1
  const op = t[i]
  if (op?.type !== 'o' || op.text === '.' || op.text === ':' || last - i > MAX_EXPRESSION_TOKENS || !endingComment(t, last)) return false
  let call = false
  for (let k = i; k < last; k++) {
    const x = t[k]!
    if (x.type === 'f') call = true
    else if (!(x.type === 'o' || x.type === '(' || x.type === ')' || x.type === ',' || (isOperand(x) && x.open !== true))) return false
  }
  return call
}

/** What an open string at the end of an operator chain may hold: a sign and letters, digits or `_` (`B`, `1`, `+1`, `aa`). Anchored, one class: linear. */
const OPEN_OPERAND = /^[+-]?\w+$/

/** Tokens read by operatorChain. */
const MAX_CHAIN_TOKENS = 40

/** MySQL's BINARY casts the operand after it (`aa'or BINARY 1= '1`): an operator, though the lexer reads a name. */
const isOperator = (x: SqlToken): boolean => x.type === 'o' || x.type === '&' || (x.type === 'n' && x.text === 'BINARY')

/**
 * The comment at the end holds at most four characters after its `--` or `#` (`-- -a`, `#(`): the junk
 * tools put there so that MySQL sees `-- ` followed by something, not words of a note.
 */
function junkComment(text: string): boolean {
  return text.slice(text.startsWith('#') ? 1 : 2).trim().length <= 4
}

/**
 * From the operator at `i` right after the closed literal, only operators, operands and calls up to
 * the end, where the value either leaves a string open right after an operator for the query's own
 * quote to close (`A' = 'B`, `aa'|+'1`, `X' = 'X' = 0 = '1`, `abc' = !!'0`: MySQL converts and
 * compares the strings, the implicit-conversion probes) or ends in a comment of junk after a
 * comparison (`aa' LIKE 0 -- -a`, `aa'=('aa')#(`). The open string is opened by the literal's own quote
 * (a `"` left open in `'…'` is never closed by the query: a JSON note `:'|"}}`) and is a number or one word
 * right after its quote: prose quoting an operator (`Press the '=' key`) goes on with a blank, a
 * sentence (`a' = 'b is how you compare`) with more words, markup (`href="</code>">`) with `>`. An empty or blank one needs a
 * closed literal that names something, a comparison or two operators (`'=+'`, `' = '`), so a lone `'-'`
 * stays a search. An apostrophe in prose is followed by a letter or a blank and a word, not an operator. One AND,
 * OR or XOR alone (no symbol or word operator) leaves it to booleanClause.
 */
function operatorChain(t: SqlToken[], i: number, ctx: Context, value: string): boolean {
  const head = t[i]
  const last = t.length - 1
  if (head === undefined || !isOperator(head) || head.text === '.' || head.text === ':' || head.text === '::' || last - i > MAX_CHAIN_TOKENS) return false
  let comparison = false
  let operators = 0
  let symbolic = false
  for (let k = i; k < last; k++) {
    const x = t[k]!
    if (isOperator(x)) {
      // AND/OR right after another operator is no expression (`'+OR+'`: there `+` is a blank, read elsewhere).
      if (x.type === '&' && k > i && isOperator(t[k - 1]!)) return false
      operators++
      comparison ||= COMPARISONS.has(x.text)
      symbolic ||= x.type === 'o'
    } else if (!(x.type === '(' || x.type === ')' || x.type === ',' || x.type === 'f' || (isOperand(x) && x.open !== true))) return false
  }
  const end = t[last]!
  // One AND/OR alone before an open string is booleanClause's (`Jane' or '90s` names someone first);
  // two with an operand between (`1' OR '1' XOR '0`) chain the literals as only SQL does.
  if (!symbolic && operators < 2) return false
  if (end.type === 'c') return comparison && junkComment(end.text)
  // The string is opened with the literal's own quote, which the query's closing quote then closes.
  if (end.type !== 's' || end.open !== true || value[end.start] !== ctx || !isOperator(t[last - 1]!)) return false
  // A number or one word, starting right after its quote: the query's quote closes `'1`, not a sentence or markup.
  if (end.text.trim() !== '') return OPEN_OPERAND.test(end.text.trimEnd())
  return namesSomething(t[0]!.text) || comparison || operators >= 2
}

/** A whole number other than 0: a string of it compares true in MySQL. */
const TRUTHY_NUMBER = /^0*[1-9]\d*$/

/** Two literals, or a name and itself, compared after the token at `i` (`1=1`, `'a'='a'`, `2>1`, `a=a`): a condition that only tests the database. */
function literalComparison(t: SqlToken[], i: number): boolean {
  let k = i + 1
  if (t[k]?.text === 'NOT') k++
  while (t[k]?.type === '(') k++
  const a = t[k]
  const op = t[k + 1]
  const b = t[k + 2]
  if (a === undefined || b === undefined || op?.type !== 'o') return false
  // Two numbers compared with LIKE (`OR 8525 LIKE 8525`, sqlmap's equaltolike) is no phrase either.
  if (op.text === 'LIKE') return a.type === '1' && b.type === '1' && /^\d/.test(a.text) && /^\d/.test(b.text)
  if (!SYMBOL_COMPARISONS.has(op.text)) return false
  return ((a.type === '1' || a.type === 's') && (b.type === '1' || b.type === 's')) || (a.type === 'n' && b.type === 'n' && a.text === b.text)
}

/**
 * The `#` "comment" is a quoted fragment id or CSS id selector closed by the same quote
 * (`querySelector('#add-to-cart')`, `href='#top'`): JavaScript or markup, not a cut query.
 */
function fragmentIdString(comment: string, quote: Context): boolean {
  if (comment[0] !== '#' || !/^[a-z]/i.test(comment[1] ?? '')) return false
  let k = 2
  while (k < comment.length && k < 64 && (isWordChar(comment.charCodeAt(k)) || comment[k] === '-')) k++
  return comment[k] === quote
}

/**
 * A `"` right after a digit, with no `)` between it and the comment, is an inch mark
 * (`1/2" -- rosca BSP`, `12" -- boxed`), not a string closed: injections close a string
 * after a name (`admin" --`), and `1" or "1"="1`-like probes are read by the boolean rules.
 */
function inchMark(t: SqlToken[], i: number, ctx: Context): boolean {
  const c = t[0]!.text.charCodeAt(t[0]!.text.length - 1)
  return ctx === '"' && i === 1 && c >= 48 && c <= 57
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

/**
 * The literal's last word (after its last blank; trailing blanks, which a comparison may pad
 * away, skipped) holds a letter or digit. One whose last word is punctuation only (`@}-;-`
 * before the rose's `'---`, `… a fan. @}-;-`) names nothing a query could select by: no account
 * or product name is a run of punctuation or ends in a blank and one.
 */
function namesSomething(literal: string): boolean {
  let end = literal.length
  while (end > 0 && literal.charCodeAt(end - 1) <= 32) end--
  let start = end
  while (start > 0 && literal.charCodeAt(start - 1) > 32) start--
  return LETTER_OR_DIGIT.test(literal.slice(start, end))
}

/**
 * After the closed literal and its `)`s at `i`, a comment (past an optional `;` that ends the
 * statement: `'); --`) cuts the query. The literal closed must end in a word with a letter or
 * digit (see namesSomething) or be followed by a `)`, or the comment must end the value with
 * nothing in it (`' -- `): a value that closes such a literal and goes on in words after `--`
 * or `#` (`'--force' is ignored`, the ASCII rose `@}-;-'--- a rose for you`) is prose, and
 * cutting the query after a literal that names nothing logs in as no one.
 */
function cutAfterLiteral(t: SqlToken[], i: number, ctx: Context): boolean {
  const at = t[i]?.type === ';' ? i + 1 : i
  const c = t[at]
  if (c?.type !== 'c' || (ctx !== "'" && c.text.startsWith('#')) || fragmentIdString(c.text, ctx) || inchMark(t, i, ctx)) return false
  return namesSomething(t[0]!.text) || i > 1 || at > i || (at === t.length - 1 && /^(?:--|#)\s*$/.test(c.text))
}

/**
 * What `||` joins to the closed literal at `k`: a call (`'||(elt(…))`, `'||sleep(5)`) or a string
 * left open for the query's own quote to close (`'||'6`), as Oracle, PostgreSQL and SQLite
 * concatenate; a name or number joined is also how code and prose write "or".
 */
function concatenated(t: SqlToken[], k: number): boolean {
  const a = t[k]
  if (a?.type === 'f') return true
  if (a?.type === '(') return t[k + 1]?.type === 'f'
  return a?.type === 's' && a.open === true && k === t.length - 1
}

function better(hit: Hit | null, h: Hit): Hit {
  return hit === null || h.level < hit.level ? h : hit
}

/**
 * A comment with more SQL after it is whitespace to the database: an empty block comment between
 * words, and a `--` or `#` comment that a line break ends (`AND--%0A1=1`, `AND#xyz%0A1=1`), as the
 * tools write spaces to slip past filters that look for them. Returns the tokens without such
 * comments (null when there are none); a comment that ends the value still cuts the query.
 */
function spacedComments(t: SqlToken[]): SqlToken[] | null {
  let last = t.length - 1
  while (last >= 0 && t[last]!.type === 'c') last--
  let mid = false
  for (let n = 0; n < last && !mid; n++) mid = t[n]!.type === 'c'
  return mid ? t.filter((x, n) => x.type !== 'c' || n > last) : null
}

/** A keyword, verb, UNION, AND/OR or word operator: a token that is never an operand of arithmetic. */
const isKeyword = (t: SqlToken | undefined): boolean =>
  t !== undefined && (t.type === 'k' || t.type === 'E' || t.type === 'U' || t.type === '&' || (t.type === 'o' && isLetter(t.text.charCodeAt(0))))

/**
 * A `+` beside a keyword is a blank left encoded where `+` is no space (a JSON body, a header, a
 * path: sqlmap's space2plus, `17+AND+4016=…`, `;WAITFOR+DELAY+'0:0:5'`): arithmetic never takes a
 * keyword as an operand. Returns the tokens without such `+` (null when there are none).
 */
function withoutPlusBlanks(t: SqlToken[]): SqlToken[] | null {
  let any = false
  const kept = t.filter((x, n) => {
    const blank = x.type === 'o' && x.text === '+' && (isKeyword(t[n - 1]) || isKeyword(t[n + 1]))
    any ||= blank
    return !blank
  })
  return any ? kept : null
}

/** `value` is the text `t` was read from (token positions index it). */
function analyse(t: SqlToken[], ctx: Context, value: string): Hit | null {
  const quoted = ctx !== ''
  let hit: Hit | null = null
  // Breakout at the start: the literal (or a number when bare) then optional `)`s.
  let i = 0
  const first = t[0]
  const startsWithLiteral = quoted ? true : first?.type === '1' || (first?.text === '-' && t[1]?.type === '1')
  if (startsWithLiteral && first !== undefined) {
    i = quoted || first.type === '1' ? 1 : 2
    while (t[i]?.type === ')') i++
    if (quoted) i = pastCollation(t, i)
    const next = t[i]
    const clause = next?.type === '&' ? booleanClause(t, i + 1) : 0
    // `admin' or '`: the string opened after OR is left for the query's own closing quote to
    // end (`or ''…`), so the value ends in the quote that starts the condition.
    // A value that opens with the quote may leave a number there (`' OR '1`): the query's quote
    // makes it `'1'`, which MySQL reads as true.
    const opened = t[i + 1]
    const openOperand = quoted && next?.type === '&' && t.length === i + 2 && opened!.type === 's' && opened!.open === true && (opened!.text === '' || (t[0]!.text === '' && TRUTHY_NUMBER.test(opened!.text)))
    if (openOperand) {
      hit = better(hit, { rule: 'waf.sqli.boolean', level: 2, at: next, why: 'closes the literal and opens a string after AND/OR for the query to close' })
    } else if (next !== undefined && clause !== 0) {
      hit = better(hit, { rule: 'waf.sqli.boolean', level: clause, at: next, why: 'closes the literal and adds an AND/OR condition' })
    } else if (next?.type === 'o' && next.text !== '.' && t[i + 1] !== undefined && (t[i + 1]!.type === '(' && t[i + 2]?.type === 'E')) {
      hit = better(hit, { rule: 'waf.sqli.subquery', level: 1, at: next, why: 'closes the literal and appends a subquery' })
    } else if ((next?.text === 'ORDER' || next?.text === 'GROUP') && t[i + 1]?.text === 'BY' && t[i + 2]?.type === '1') {
      hit = better(hit, { rule: 'waf.sqli.column-probe', level: 1, at: next, why: `closes the literal and adds ${next.text} BY with a column number, the probe for the column count` })
    } else if (quoted && next?.text === '||' && concatenated(t, i + 1)) {
      hit = better(hit, { rule: 'waf.sqli.concatenation', level: 2, at: next, why: 'closes the literal and concatenates a function call or a string for the query to close onto it' })
    } else if (quoted && t[0]!.text === '' && next?.type === 'o' && COMPARISONS.has(next.text) && isOperand(t[i + 1]) && endingComment(t, i + 2)) {
      hit = better(hit, { rule: 'waf.sqli.comment-truncation', level: 2, at: next, why: `closes the literal, compares it with ${t[i + 1]!.text || "''"} and comments out the rest of the query (MySQL reads ''=0 as true)` })
    } else if (quoted && t[0]!.text === '' && nullTest(next) && endingComment(t, i + 1)) {
      hit = better(hit, { rule: 'waf.sqli.comment-truncation', level: 2, at: next!, why: `closes the literal, tests it with ${next!.text} and comments out the rest of the query (the empty string is not null)` })
    } else if (quoted && cutAfterLiteral(t, i, ctx)) {
      hit = better(hit, { rule: 'waf.sqli.comment-truncation', level: 2, at: next!, why: 'closes the literal and comments out the rest of the query' })
    } else if (quoted && next?.type === ';' && i === t.length - 1 && namesSomething(t[0]!.text) && !inchMark(t, i, ctx)) {
      hit = better(hit, { rule: 'waf.sqli.comment-truncation', level: 2, at: next, why: 'closes the literal and ends the statement there, so the rest of the query (a password check) is never run' })
    } else if (quoted && expressionCut(t, i) && (ctx === "'" || !t[t.length - 1]!.text.startsWith('#')) && !inchMark(t, i, ctx)) {
      hit = better(hit, { rule: 'waf.sqli.comment-truncation', level: 2, at: next!, why: 'closes the literal, goes on with an expression that calls a function and comments out the rest of the query' })
    }
    // Apart from the chain above: `A' OR 'B` is a level-3 boolean clause there, and an operator chain at level 2.
    if (quoted && (hit === null || hit.level > 2) && operatorChain(t, i, ctx, value)) {
      const cut = t[t.length - 1]!.type === 'c'
      hit = better(hit, { rule: 'waf.sqli.operator-chain', level: 2, at: next!, why: cut ? 'closes the literal, goes on with operators and a comparison and comments out the rest of the query' : 'closes the literal, goes on with operators and ends in a string left open for the query to close, so the database compares or converts the literals (MySQL\'s implicit conversion)' })
    }
  }
  // Bare, the value may be glued after the query's own number or column (`id=5` + ` OR 1=1`,
  // `sort=price` + ` ORDER BY 3--`): that is how injection tools append their probes, so a
  // value that starts as a clause reads as SQL without a literal to close first.
  const lead = t[0]
  if (!quoted && lead !== undefined) {
    // `||` lexes as concatenation (standard SQL) but is OR in MySQL and in the JavaScript of a
    // MongoDB $where, which these probes also target.
    if ((lead.type === '&' || lead.text === '||') && (conditionAfter(t, 1) || comparisonCut(t, 1))) {
      hit = better(hit, { rule: 'waf.sqli.boolean', level: 2, at: lead, why: `starts with ${lead.text} and a condition, a clause appended to the query` })
    } else if ((lead.text === 'ORDER' || lead.text === 'GROUP') && t[1]?.text === 'BY' && t[2]?.type === '1' && (t[3] === undefined || t[3]!.type === 'c' || t[3]!.type === ',')) {
      hit = better(hit, { rule: 'waf.sqli.column-probe', level: 2, at: lead, why: `is ${lead.text} BY a column number, the probe for the column count` })
    } else if (lead.text === 'DECLARE' && t[1]?.type === 'v') {
      hit = better(hit, { rule: 'waf.sqli.stacked-query', level: 2, at: lead, why: 'is a T-SQL batch that declares a variable' })
    } else if (lead.type === 'f' && castToNumber(t)) {
      hit = better(hit, { rule: 'waf.sqli.error-cast', level: 2, at: lead, why: `casts what ${lead.text.toLowerCase()}() returns to a number with ::, so the database's error message prints the text it read` })
    }
  }
  for (let k = 0; k < t.length; k++) {
    const tok = t[k]!
    if ((tok.type === '&' || tok.text === '||' || tok.text === 'WHERE' || tok.text === 'HAVING') && literalComparison(t, k)) {
      hit = better(hit, { rule: 'waf.sqli.boolean', level: 2, at: tok, why: `adds ${tok.text} and a comparison of two constants, a condition that only tests the database` })
    } else if (tok.type === 'U') {
      let j = k + 1
      // DISTINCTROW is MySQL's DISTINCT: `union#\ndistinctrow\vselect` is a UNION SELECT.
      while (t[j]?.type === 'c' || t[j]?.text === 'ALL' || t[j]?.text === 'DISTINCT' || t[j]?.text === 'DISTINCTROW' || t[j]?.type === '(') j++
      if (t[j]?.type === 'E' && t[j]!.text === 'SELECT') hit = better(hit, { rule: 'waf.sqli.union-select', level: 1, at: tok, why: 'appends a UNION SELECT to read other data' })
    } else if (tok.type === ';') {
      let j = k + 1
      // T-SQL wraps a batch in BEGIN … END: `'; begin declare @v varchar(8000) …`, and runs one under
      // IF or WHILE and a comparison of two constants (`';if 1=1 drop database test--`).
      for (;;) {
        if (t[j]?.type === 'c' || t[j]?.type === ';' || (t[j]?.text === 'BEGIN' && t[j + 1]?.type === 'E')) j++
        else if ((t[j]?.text === 'IF' || t[j]?.text === 'WHILE') && t[j]!.type === 'n' && literalComparison(t, j) && t[j + 4]?.type === 'E') j += 4
        else break
      }
      if (t[j]?.type === 'E') {
        const shape = statementShape(t, j)
        if (shape !== 0) hit = better(hit, { rule: 'waf.sqli.stacked-query', level: shape, at: t[j]!, why: `ends the statement and starts a new ${t[j]!.text}` })
      }
    } else if (tok.type === '(' && t[k + 1]?.type === 'E' && t[k + 1]!.text === 'SELECT') {
      // T-SQL's SELECT TOP n reads like a heading ("select top 10 gifts; select top 5 …"), so it
      // counts only opened as a subquery, and only at level 2.
      const shape = t[k + 2]?.text === 'TOP' && t[k + 3]?.type === '1' ? 2 : statementShape(t, k + 1)
      if (shape !== 0) hit = better(hit, { rule: 'waf.sqli.subquery', level: shape, at: tok, why: 'contains a parenthesised SELECT subquery' })
    } else if (tok.type === 'f' && ATTACK_FUNCTIONS.has(tok.text)) {
      // Common names (IF, CHAR, COUNT) count only beside other SQL, which the rules above catch.
      hit = better(hit, { rule: 'waf.sqli.db-function', level: 1, at: tok, why: `calls ${tok.text.toLowerCase()}(), a database function used to probe or attack` })
    } else if (tok.type === 'f' && (tok.text === 'EXEC' || tok.text === 'EXECUTE') && t[k + 1]?.type === '(' && t[k + 2]?.type === 'v' && !t[k + 2]!.text.startsWith('@@') && t[k + 3]?.type === ')') {
      hit = better(hit, { rule: 'waf.sqli.stacked-query', level: 2, at: tok, why: `runs ${tok.text}(${t[k + 2]!.text.toLowerCase()}), the SQL text held in a variable (dynamic T-SQL)` })
    } else if (tok.type === 'f' && (tok.text === 'SLEEP' || tok.text === 'DBMS_LOCK.SLEEP') && t[k + 1]?.type === '(' && t[k + 2]?.type === '1' && t[k + 3]?.type === ')') {
      hit = better(hit, { rule: 'waf.sqli.time-delay', level: 2, at: tok, why: 'calls sleep() with a number, the time-based blind injection probe' })
    } else if (tok.type === 'E' && tok.text === 'WAITFOR' && statementShape(t, k) > 0 && t[k + 2]?.type === 's') {
      hit = better(hit, { rule: 'waf.sqli.time-delay', level: 1, at: tok, why: 'runs WAITFOR DELAY, the MSSQL time-based probe' })
    } else if (tok.type === 'f' && tok.text === 'IF' && t[k + 1]?.type === '(' && literalComparison(t, k) && t[k + 5]?.type === ')' && t[k + 6]?.type === 'E') {
      hit = better(hit, { rule: 'waf.sqli.boolean', level: 2, at: tok, why: `runs ${t[k + 6]!.text} under IF and a comparison of two constants, the T-SQL form of a boolean probe` })
    } else if (tok.type === 'f' && BOOLEAN_PICKERS.has(tok.text) && t[k + 1]?.type === '(' && literalComparison(t, k) && t[k + 5]?.type === ',') {
      hit = better(hit, { rule: 'waf.sqli.boolean', level: 2, at: tok, why: `picks a value with ${tok.text} and a comparison of two constants, the MySQL form of a boolean probe (in a sort key or a selected column)` })
    } else if (tok.type === 'n' || tok.type === 'f') {
      // T-SQL names an object of another database as db..object; the system databases hold the server's own tables and procedures.
      if (tok.text[4] === '.' || tok.text[5] === '.' || tok.text[6] === '.') {
        if (SYSTEM_DATABASE_OBJECT.test(tok.text)) hit = better(hit, { rule: 'waf.sqli.catalog', level: 2, at: tok, why: `names ${tok.text.toLowerCase()}, an object of a SQL Server system database` })
      }
      if (tok.text.length < SHORTEST_PACKAGE_NAME) continue
      if (tok.text.length >= SHORTEST_CATALOG_NAME) {
        for (const name of CATALOG_NAMES) {
          if (tok.text.includes(name)) {
            // A query quoted in a Markdown code span of a sentence (a review of a SQL book) is one a message talks about.
            const quotedSpan = inProseCodeSpan(value, tok.start)
            hit = better(hit, { rule: 'waf.sqli.catalog', level: quotedSpan ? 3 : 1, at: tok, why: `names ${name.toLowerCase()}, the database's own catalog${quotedSpan ? ', in a query quoted in a code span of a sentence' : ''}` })
            break
          }
        }
      }
      // Every package name has a `_` after its first three or four letters.
      const pkg = tok.text[3] === '_' || tok.text[4] === '_' ? SYSTEM_PACKAGES.find((name) => tok.text.startsWith(name) && (tok.text.length === name.length || tok.text[name.length] === '.')) : undefined
      if (pkg !== undefined) hit = better(hit, { rule: 'waf.sqli.db-function', level: 2, at: tok, why: `names ${pkg.toLowerCase()}, a database package that reaches the network or the file system` })
    } else if (tok.type === 'v' && tok.text.startsWith('@@') && isLetter(tok.text.charCodeAt(2)) && (k > 0 || t.length > 1)) {
      // Every system variable's name starts with a letter (@@version, @@servername); `@@3v` is a password's symbols.
      hit = better(hit, { rule: 'waf.sqli.system-variable', level: 2, at: tok, why: `reads the system variable ${tok.text.toLowerCase()}` })
    } else if (tok.text === 'INTO' && (t[k + 1]?.text === 'OUTFILE' || t[k + 1]?.text === 'DUMPFILE')) {
      hit = better(hit, { rule: 'waf.sqli.into-outfile', level: 1, at: tok, why: 'writes query results to a file on the database host' })
    } else if (tok.type === 'E' && tok.text === 'SELECT' && statementShape(t, k) === 1 && selectInto(t, k)) {
      hit = better(hit, { rule: 'waf.sqli.select-into', level: 2, at: tok, why: 'copies query results into a new table or variable (SELECT … INTO)' })
    } else if (tok.type === 'c' && /^--\s*sp_password\b/i.test(tok.text)) {
      // MSSQL leaves any statement holding `sp_password` out of its trace logs, so injections append it.
      hit = better(hit, { rule: 'waf.sqli.log-evasion', level: 2, at: tok, why: 'comments in sp_password, which keeps the statement out of the MSSQL trace log' })
    }
  }
  if (hit === null && ctx === '' && first?.type === 'E') {
    // A comment that MySQL runs from a version on (`SELECT /*!32302 1/0, */ 1 FROM t`) probes which
    // database and version answer, whatever the select list holds: pasted queries hide no code in comments.
    const versioned = value.includes('/*!') && VERSIONED_COMMENT.test(value)
    if ((versioned || statementShape(t, 0) > 0) && t.some((x) => x.text === 'FROM' || x.text === 'WHERE')) {
      // Pasted SQL writes blanks; a statement whose words are joined by comments was written to pass a filter,
      // and one ended with `;` and an empty comment (`DELETE FROM users;--`) to drop the query it lands in.
      const evasive = !versioned && commentGlued(value)
      const cut = !evasive && !versioned && t.length > 2 && t[t.length - 2]!.type === ';' && endingComment(t, t.length - 1)
      const why = evasive ? ' whose blanks are comments, as filter evasion writes it' : versioned ? ' with code in a comment MySQL runs only from a given version, the probe for its version' : cut ? ', ended and followed by an empty comment that drops the rest of the query' : ''
      hit = better(hit, { rule: 'waf.sqli.raw-statement', level: evasive || versioned || cut ? 2 : 3, at: first, why: `is a whole ${first.text} statement${why}` })
    }
  }
  return hit
}

/** A MySQL executable comment gated on a server version: `/*!` and five digits (`/*!32302 1/0, …`). */
const VERSIONED_COMMENT = /\/\*!\d{5}/

/** Block comments read for commentGlued. */
const MAX_GLUED_COMMENTS = 16

/** A block comment with a word character right before it and right after it (SELECT, a comment, password, no blank between): a blank written as a comment. */
function commentGlued(value: string): boolean {
  for (let at = value.indexOf('/*'), n = 0; at > 0 && n < MAX_GLUED_COMMENTS; at = value.indexOf('/*', at + 2), n++) {
    const close = value.indexOf('*/', at + 2)
    if (close < 0) return false
    if (isWordChar(value.charCodeAt(at - 1)) && isWordChar(value.charCodeAt(close + 2))) return true
  }
  return false
}

/** An empty block comment between two letters: a word split by it. */
const SPLIT_WORD = /[a-z]\/\*\*\/[a-z]/i

/** Path segments read on their own after the first: ids sit in the first few. */
const MAX_PATH_SEGMENTS = 8

/** Characters without which no injection is possible; values made only of word characters skip the lexer. */
function mayBeSql(lower: string): boolean {
  return /[\s'"();#=<>|&*/+@-]/.test(lower)
}

/**
 * Words (lower-case) of which analyse needs one as a token of its own: AND, OR, XOR, UNION
 * and the statement verbs by their type; ORDER and GROUP (column probes), INTO (outfile,
 * select-into), WHERE and HAVING (constant comparisons), the attack functions and SLEEP by
 * their text.
 */
const KEY_WORDS = [...wordsOfType('&', 'U', 'E'), 'ORDER', 'GROUP', 'INTO', 'WHERE', 'HAVING', 'SLEEP', 'DBMS_LOCK.SLEEP', ...ATTACK_FUNCTIONS].map((w) => w.toLowerCase())
const CATALOG_LOWER = CATALOG_NAMES.map((n) => n.toLowerCase())
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/**
 * A key word as a word token of its own, or a symbol or name some rule needs (see
 * mayFormSql). A fixed alternation of literals between fixed-width look-arounds: bounded
 * work at each position, so linear in the value.
 */
const SQL_SIGNS = new RegExp(
  `(?<![a-z_$])(?:${KEY_WORDS.map(escapeRegExp).join('|')})(?![a-z0-9_$.])|(?<![a-z_$])(?:if|make_set|elt)\\(|&&|\\|\\||@@|\\)::|(?<![a-z_$])(?:utl_|dbms_|sp_password|(?:master|msdb|tempdb|model)\\.\\.[a-z_])|${CATALOG_LOWER.map(escapeRegExp).join('|')}|[^\\x00-\\x7f]`,
)

/**
 * Whether analyse could find anything in a value (lower-cased), in any context, at any
 * level: false only when it certainly cannot, so that the lexer, run up to three times, is
 * spared on the many values with words and punctuation but no SQL (reviews, User-Agents).
 *
 * Every rule of analyse needs one of: an AND/OR/XOR, UNION or verb token, a word token
 * ORDER, GROUP, INTO, WHERE or HAVING, a call of an attack function or SLEEP (KEY_WORDS);
 * `&&` or `||`; a name containing a catalog name or starting with a system package (all
 * start UTL_ or DBMS_) or a system database (`master..`); an `if(`, `make_set(` or `elt(` call; an `@@` variable; a `)::` cast; a comment (`--`, `#`, `/*`) after a closed quote,
 * so a quote somewhere before a comment's first character (a note's `<3 -- O'Brien` has its
 * quote after the comment, which no context closes first); a quote and `;` that end the value (the
 * statement ended right after the literal closes); an operator right after the first quote of a
 * kind (an operator chain starts with one); or `-- sp_password`. For an ASCII value, a word token is a maximal run
 * of the lexer's word characters (letters, digits, `_`, `$`, `.`) less any digits or dots
 * before its first letter (after `/*!50000` or a lone `.`), upper-cased: so a key word
 * token is the key word with no letter, `_` or `$` before it and no word character after
 * it, and a name that starts with a package name has no word character but digits or dots
 * before it (a quoted identifier's text starts after `[` or a backtick). A catalog name is
 * made of word characters, so one in a token is in the value. A non-ASCII character may
 * upper-case to ASCII letters (ı → I), so a value with one always passes.
 */
export function mayFormSql(lower: string): boolean {
  return SQL_SIGNS.test(lower) || commentAfterQuote(lower) || statementEndAfterQuote(lower) || operatorAfterQuote(lower, "'") || operatorAfterQuote(lower, '"')
}

/** A word operator (lower-case) or COLLATE starts the text: LIKE, RLIKE, REGEXP, DIV, MOD, SOUNDS, NOT, IS, IN, BETWEEN, GLOB. Anchored, on at most eight characters. */
const WORD_OPERATOR_START = /^(?:r?like|ilike|regexp|div|mod|sounds|not|is|in|between|glob|collate)(?![a-z0-9_$.])/

/**
 * Right after the quote that closes the literal inside `quote` (found as the lexer finds it; blanks and
 * `)`s skipped), an operator character, a word operator or COLLATE: the literal closed there may go on
 * as an operator chain (see operatorChain).
 */
function operatorAfterQuote(lower: string, quote: '"' | "'"): boolean {
  if (!lower.includes(quote)) return false
  let k = closingQuote(lower, 0, quote)
  if (k < 0) return false
  while (k < lower.length && (lower.charCodeAt(k) <= 32 || lower[k] === ')')) k++
  const ch = lower[k]
  return ch !== undefined && ('=<>!+-*/%^~|&'.includes(ch) || WORD_OPERATOR_START.test(lower.slice(k, k + 8)))
}

/** The value ends in a quote and `;` (blanks and `)`s between): `admin@shop.example';`. */
function statementEndAfterQuote(lower: string): boolean {
  let k = lower.length - 1
  while (k >= 0 && lower.charCodeAt(k) <= 32) k--
  if (lower[k] !== ';') return false
  k--
  while (k >= 0 && (lower.charCodeAt(k) <= 32 || lower[k] === ')')) k--
  return lower[k] === "'" || lower[k] === '"'
}

/** A comment's first characters (`--`, `#`, `/*`) somewhere after the value's first quote. */
function commentAfterQuote(lower: string): boolean {
  const single = lower.indexOf("'")
  const double = lower.indexOf('"')
  const quote = single < 0 ? double : double < 0 ? single : Math.min(single, double)
  return quote >= 0 && (lower.includes('--', quote + 1) || lower.includes('#', quote + 1) || lower.includes('/*', quote + 1))
}

/** Words that a value of plain words must contain to form SQL at levels 1–2 (see plainWords). */
const PLAIN_SQL_WORDS = ['union', 'into', 'sysobjects', 'sys.objects', 'mysql.user', 'master..', 'msdb..', 'tempdb..', 'model..']

/** First words that make a bare value read as a clause appended to the query (see analyse). */
const CLAUSE_STARTS = new Set(['and', 'or', 'xor', 'where', 'having', 'order', 'group'])

/**
 * A value of ASCII letters, digits, `.`, `$`, `,`, `-`, `&` and whitespace only (no quote,
 * bracket, `;`, `=` or other operator) that names no UNION, INTO or catalog table and does
 * not start with a number, `-`, `&`, TRUE, FALSE or NULL, nor with the word AND, OR, XOR,
 * WHERE, HAVING, ORDER or GROUP (a bare value starting so reads as an appended clause):
 * lexed, it is words that close no literal, start no boolean clause or ORDER BY probe,
 * compare no two constants (that needs `=`, `<` or `>`), call nothing (a call needs `(`)
 * and append no statement (that needs `;`, `(` or UNION), so nothing up to level 2 can fire
 * (level 3 also reads whole statements, so it is always lexed there). `&` and `&&` lex as
 * an operator and as AND, which only count right after a leading literal (a number here,
 * and a plain value starts with none), at the start (excluded) or inside a statement.
 * Catalog names other than those listed all contain `_`, which is not plain.
 *
 * An apostrophe between two letters (O'Reilly, rock'n'roll) keeps a value plain when none
 * of its words is one SQL gives a type of its own (AND, OR, LIKE, ORDER, BY, WAITFOR, …).
 * Inside '…' the first apostrophe closes the literal, and a letter follows it, so the next
 * token is a word; a word SQL does not list is a plain name, and after a literal and a
 * name no rule can fire: a boolean clause needs AND/OR, an ORDER BY probe ORDER or GROUP,
 * a subquery an operator and `(`, a comment `--` or `#` right after the literal (a word is
 * in between). Bare, an apostrophe opens a string literal, which only counts after WAITFOR
 * DELAY (listed) or in a boolean clause after a leading number (none). In "…" there is no
 * closing `"`. The other rules need the characters a plain value lacks, as above.
 */
export function plainWords(value: string, lower: string): boolean {
  let first = -1
  let quotes = false
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c <= 32) continue
    if (c === 39 /* ' */ && isLetter(value.charCodeAt(i - 1)) && isLetter(value.charCodeAt(i + 1))) {
      quotes = true
      continue
    }
    if (!(isLetter(c) || (c >= 48 && c <= 57) || c === 46 || c === 36 || c === 44 || c === 45 || c === 38)) return false
    if (first < 0) first = i
  }
  if (first < 0) return true
  const c = value.charCodeAt(first)
  if ((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 38 || lower.startsWith('true', first) || lower.startsWith('false', first) || lower.startsWith('null', first)) return false
  let end = first
  while (end < value.length && isWordChar(value.charCodeAt(end))) end++
  if (CLAUSE_STARTS.has(lower.slice(first, end))) return false
  for (const w of PLAIN_SQL_WORDS) if (lower.includes(w)) return false
  return !quotes || !namesSqlWord(value)
}

/** One of the value's words as the SQL lexer reads them (letters, digits, `_`, `$`, `.`) is a listed SQL word. */
function namesSqlWord(value: string): boolean {
  for (let i = 0; i < value.length; ) {
    let j = i
    while (j < value.length && isWordChar(value.charCodeAt(j))) j++
    if (j > i && isSqlWord(value.slice(i, j).toUpperCase())) return true
    i = j + 1
  }
  return false
}

/**
 * The value starts with a name closed by a backtick (``index`,sleep(6)#1``): what a MySQL column
 * or sort key placed inside `…` receives. A Markdown code span in a message follows a blank or
 * opens the value, so its content is read only as the other contexts read it.
 */
function identifierFirst(value: string): boolean {
  const tick = value.indexOf('`')
  for (let k = 0; k < tick; k++) if (!isWordChar(value.charCodeAt(k))) return false
  return tick > 0
}

/**
 * The strongest reading of `value` as SQL at `level` or below, in any literal context; null when it
 * forms none. `plus`: only the reading with `+` beside keywords as blanks forms it.
 */
export function readAsSql(value: string, level: number): { hit: Hit; ctx: Context; plus: boolean } | null {
  let best: { hit: Hit; ctx: Context; plus: boolean } | null = null
  for (const ctx of CONTEXTS) {
    if (ctx !== '' && !value.includes(ctx)) continue
    if (ctx === '`' && !identifierFirst(value)) continue
    const tokens = tokenizeSql(value, ctx)
    if (tokens === null) continue
    let hit = analyse(tokens, ctx, value)
    const spaced = spacedComments(tokens)
    const spacedHit = spaced === null ? null : analyse(spaced, ctx, value)
    if (spacedHit !== null) hit = better(hit, spacedHit)
    const plussed = value.includes('+') ? withoutPlusBlanks(spaced ?? tokens) : null
    const plusHit = plussed === null ? null : analyse(plussed, ctx, value)
    const plus = plusHit !== null && better(hit, plusHit) !== hit
    if (plus) hit = plusHit
    if (hit !== null && hit.level <= level && (best === null || hit.level < best.hit.level)) best = { hit, ctx, plus }
  }
  return best
}

/**
 * A run of eight or more of `'` `"` `(` `)` `.` `,` with both quotes and a parenthesis in it
 * (`1'".(),(`), or with both quotes eight times or more (`''''""""`, `'"'"'"'"`): the character soup
 * injection tools append to see which one breaks the query (sqlmap's heuristic check, skipfish's
 * quoting probes). No word stands in it, and prose never strings these together.
 * Returns the run's start, or -1.
 */
export function syntaxProbe(value: string): number {
  let start = 0
  let single = false
  let double = false
  let paren = false
  let quotes = 0
  for (let i = 0; i <= value.length; i++) {
    const c = value[i]
    if (c === "'" || c === '"' || c === '(' || c === ')' || c === '.' || c === ',') {
      single ||= c === "'"
      double ||= c === '"'
      paren ||= c === '(' || c === ')'
      if (c === "'" || c === '"') quotes++
      continue
    }
    if (i - start >= 8 && single && double && (paren || quotes >= 8)) return start
    start = i + 1
    single = double = paren = false
    quotes = 0
  }
  return -1
}

/**
 * Both quotes escaped with backslashes, side by side (`\'\"`, `\\'\\"`): the probe that asks how the
 * query escapes a quote (skipfish sends it beside `'"` and compares the answers). Code in a message
 * escapes the quote its string needs, one kind at a time. Returns its start, or -1.
 */
export function escapedQuotes(value: string): number {
  for (let i = value.indexOf('\\'); i >= 0; i = value.indexOf('\\', i + 1)) {
    let j = i
    while (value[j] === '\\') j++
    const first = value[j]
    if (first !== "'" && first !== '"') {
      i = j - 1
      continue
    }
    let k = j + 1
    if (value[k] !== '\\') continue
    while (value[k] === '\\') k++
    if (value[k] === (first === "'" ? '"' : "'")) return i
    i = j
  }
  return -1
}

export const detectSqli: Detector = (input, out) => {
  const { lower, level } = input
  if (!mayBeSql(lower)) return
  if (level >= 2 && lower.includes("'") && lower.includes('"')) {
    const at = syntaxProbe(input.value)
    if (at >= 0) {
      out.push({ rule: 'waf.sqli.syntax-probe', category: 'sqli', level: 2, score: 5, excerpt: excerptAt(input.value, at, at + 12), explanation: 'The value holds a run of quotes, parentheses, dots and commas, the characters injection tools append to find which one breaks the query.' })
      return
    }
    const escaped = escapedQuotes(input.value)
    if (escaped >= 0) {
      out.push({ rule: 'waf.sqli.syntax-probe', category: 'sqli', level: 2, score: 5, excerpt: excerptAt(input.value, escaped, escaped + 12), explanation: 'The value holds both quotes escaped with backslashes side by side, the probe injection tools send to learn how the query escapes a quote.' })
      return
    }
  }
  const mayForm = mayFormSql(lower)
  if (!mayForm && !lower.includes('/**/')) return
  let value = input.value
  let best: ReturnType<typeof readAsSql> = null
  let rewritten = false
  if (!mayForm && input.kind === 'path') return
  if (input.kind === 'path') {
    // Read from the first segment, where a numeric or string id would sit, and from each later
    // one on its own: `/products/5` puts the id in the second, and a segment ends at its `/`.
    value = input.value.replace(/^\/+/, '')
    const skipped = input.value.length - value.length
    const sameLength = lower.length === input.value.length
    best = value.length < 3 ? null : readAsSql(value, level)
    for (let from = value.indexOf('/') + 1, n = 0; best === null && from > 0 && n < MAX_PATH_SEGMENTS; from = value.indexOf('/', from) + 1, n++) {
      const slash = value.indexOf('/', from)
      const end = slash < 0 ? value.length : slash
      if (end - from < 3) continue
      const segment = value.slice(from, end)
      // The lower-cased value lines up with the value unless lower-casing changed a length (İ).
      const low = sameLength ? lower.slice(skipped + from, skipped + end) : segment.toLowerCase()
      if (!mayBeSql(low) || (level <= 2 && plainWords(segment, low))) continue
      best = readAsSql(segment, level)
      if (best !== null) value = segment
    }
  } else {
    if (value.length < 3 || (level <= 2 && plainWords(value, lower))) return
    // A cookie's `+` too: the engine reads a raw `+` of a form-encoded cookie as PHP's space, but
    // one sent as `%2B` reaches the application as `+`, as in a JSON body, and is a blank to one
    // that URL-decodes the cookie again (sqlmap's space2plus, `' union+/*!select*/`).
    best = mayForm ? readAsSql(value, level) : null
    if (best === null && level >= 2) {
      // Read as two filters pass a value on before the query is built: one that strips comments
      // (sqlmap's randomcomments splits each keyword with an empty one, `SEL/**/ECT`), and one
      // that strips the backslashes of escaped quotes (stripslashes; sqlmap's escapequotes, `1\' AND`).
      let text = SPLIT_WORD.test(value) ? value.replace(/\/\*\*\//g, '') : value
      if (text.includes("\\'") || text.includes('\\"')) text = text.replace(/\\(['"])/g, '$1')
      if (text !== value) {
        best = mayFormSql(text.toLowerCase()) ? readAsSql(text, level) : null
        value = text
        rewritten = true
      }
    }
  }
  if (best === null) return
  const f: Finding = {
    rule: best.hit.rule,
    category: 'sqli',
    level: rewritten && best.hit.level < 2 ? 2 : best.hit.level,
    score: 5,
    excerpt: excerptAt(value, best.hit.at.start, best.hit.at.end),
    explanation: `Read as SQL ${CONTEXT_NAMES[best.ctx]}${best.plus ? ' with each + beside a keyword read as the blank it stood for' : ''}${rewritten ? ' as a filter passes it on (empty comments inside words and backslashes before quotes removed)' : ''}, the value ${best.hit.why}.`,
  }
  out.push(f)
}
