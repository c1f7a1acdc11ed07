/**
 * Command injection by syntax: find the places a shell would start a new command
 * (`;`, `|`, `&&`, `||`, `&`, newline, `$(…)`, backticks), undo the quoting and `$IFS`
 * tricks attackers use to hide the command word, and flag a known command there.
 * Words such as "cat" or "echo" count only with shell-shaped arguments, so prose does not.
 * @module
 */
import { excerptAt, lineStart, PROSE_WORD, proseCodeSpan, type Detector } from './finding.ts'

/** Commands that are almost never English words: their presence after a separator suffices. */
const DISTINCT_COMMANDS = new Set([
  'wget', 'curl', 'bash', 'sh', 'zsh', 'ksh', 'csh', 'dash', 'nc', 'ncat', 'netcat', 'whoami', 'uname',
  'ifconfig', 'ipconfig', 'powershell', 'pwsh', 'cmd', 'certutil', 'bitsadmin', 'python', 'python3',
  'perl', 'ruby', 'php', 'nslookup', 'getent', 'chmod', 'chown', 'busybox', 'telnet', 'ls', 'id',
  'passwd', 'netstat', 'nmap', 'printf', 'base64', 'xxd', 'tftp', 'scp', 'ssh', 'socat', 'mkfifo',
  'useradd', 'systeminfo', 'tasklist', 'net', 'reg', 'wmic', 'rundll32', 'regsvr32', 'mshta', 'dig',
  'host', 'ping', 'sleep', 'env', 'pwd', 'hostname', 'rev', 'awk', 'sed', 'xargs', 'nohup', 'crontab',
  'lua', 'node', 'java', 'gcc', 'rm', 'cp', 'mv', 'touch', 'kill', 'killall', 'ps', 'dir', 'type',
  'cat', 'echo', 'set', 'more', 'less', 'head', 'tail', 'find', 'grep', 'who', 'w', 'sort', 'tee',
  'time', 'uptime', 'expr', 'eval', 'exec', 'which', 'whereis', 'del', 'copy', 'start', 'timeout', 'for',
  // PowerShell cmdlets a probe runs to prove execution or wait (`;get-help`, `;start-sleep -s 15`).
  'get-help', 'get-process', 'get-content', 'get-childitem', 'start-sleep', 'start-process', 'invoke-webrequest',
  'invoke-expression', 'new-object', 'set-content', 'out-file', 'remove-item', 'test-connection',
  // Their aliases that download and run (`;iwr http://host/x.ps1`, `| iex`).
  'iwr', 'irm', 'iex',
  // cmd.exe's `format` (with a drive: FORMAT_DRIVE), readers of encoded and compressed files
  // (`;base32 passwd|base32 -d`, `;zstdcat /var/log/…`), the Windows registry editor, and Ansible's
  // commands, which run modules on every host they manage.
  'format', 'base32', 'gunzip', 'zcat', 'zstdcat', 'bzcat', 'xzcat', 'regedit', 'ansible', 'ansible-playbook',
  'ansible-config', 'ansible-console', 'ansible-doc', 'ansible-galaxy', 'ansible-inventory', 'ansible-pull', 'ansible-vault',
])
/** A command name the shell detector knows (`echo`, `id`, `curl`), whatever its arguments. */
export const isShellCommand = (word: string): boolean => DISTINCT_COMMANDS.has(word)

/** Commands that are also everyday words: they count only with shell-shaped arguments. */
const WORD_COMMANDS = new Set([
  'cat', 'echo', 'set', 'more', 'less', 'head', 'tail', 'find', 'grep', 'who', 'w', 'sort', 'tee',
  'time', 'type', 'dir', 'kill', 'id', 'host', 'ping', 'sleep', 'env', 'net', 'reg', 'start', 'copy',
  'del', 'which', 'exec', 'eval', 'expr', 'rev', 'node', 'java', 'php', 'python', 'ruby', 'ls', 'nc',
  'sh', 'touch', 'cp', 'mv', 'rm', 'ps', 'dig', 'uptime', 'printf', 'whereis', 'w', 'curl', 'bash', 'dash', 'zsh',
  'timeout', 'for', 'format',
])

/** Arguments that only make sense to a shell: paths, flags, redirections, here-strings (`cat<<<id`), URLs, variables. */
const SHELL_ARGS = /^(\s*<<<|\s+(-{1,2}[a-z]|\/[a-z]|\.{1,2}\/|~\/?|\$|>|<|[a-z]+:\/\/|\\\\|[a-z]:\\|%[a-z]+%|[0-9]{1,3}(\.[0-9]{1,3}){3}|[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\.?(\s|$|[;&|`)])))/
/**
 * Commands that do nothing without an operand (a program, a file, a process, a duration, a host):
 * given none where the value ends, they close a list or a title (`Bash Cookbook: cat, grep & awk`,
 * a category `Baby & Sleep`); a bare `sleep` or `ping` waits for nothing and reaches no one.
 */
const NEEDS_OPERAND = new Set(['awk', 'sed', 'chmod', 'chown', 'cp', 'mv', 'rm', 'touch', 'kill', 'killall', 'mkfifo', 'useradd', 'scp', 'xxd', 'gcc', 'sleep', 'ping'])
/** Everyday command words that run what they read, so that a pipe into one runs code: `| sh`, `| python`. */
const INTERPRETERS = new Set(['sh', 'bash', 'dash', 'zsh', 'php', 'python', 'ruby', 'node'])
/** Reconnaissance commands an attacker runs bare, inside `$(…)` or backticks, to confirm execution. */
const PROBE_COMMANDS = new Set(['id', 'whoami', 'uname', 'ls', 'dir', 'ps', 'pwd', 'hostname', 'ifconfig', 'ipconfig', 'sleep', 'ping', 'env', 'set'])

const SEPARATORS: readonly string[] = ['$(', '`', '&&', '||', ';', '|', '&', '\n', '\r']
/** Command positions examined per value; an injection needs one, a flood of separators buys nothing. */
const MAX_SEPARATORS = 256

/**
 * How a command word was written in syntax only a shell reads, so that its arguments need no
 * shell shape of their own: a brace expansion (`{ls,-la}`), a wildcard path (`/???/c?t`), a word
 * whose letters a shell joins across quotes, escapes and expansions that yield nothing (`'wh'oami`,
 * `c\at`, `c$@at`, `pi$()ng`, `""p""y""t""h""o""n""`), or a variable the value assigns itself
 * (`c=cat&&$c /etc/passwd`).
 */
type Shaped = 'brace' | 'glob' | 'joined' | 'quoted' | 'variable' | 'self'

/** How the explanation names a word written in shell-only syntax. */
const SHAPED_HOW: Readonly<Record<string, string>> = {
  brace: ' (a brace expansion)',
  glob: ' (a wildcard path)',
  joined: ' (its letters joined across escapes or expansions that yield nothing)',
  quoted: ' (its letters joined across quotes or carets)',
  variable: ' (from a variable the value sets)',
  self: ' (as $0, the name of the shell that runs the line)',
}

/** Every reading has the same three fields, so the code that reads them sees one object shape. */
interface CommandWord {
  word: string
  end: number
  shaped: Shaped | undefined
}

/** Variables a value assigns before it expands them (`a=nc&&$a -nlvp 555`); every other one expands to nothing. */
type ShellVars = ReadonlyMap<string, string>
const NO_VARS: ShellVars = new Map()
/** Assignments read per value: a payload needs a few, a flood buys nothing. */
const MAX_ASSIGNMENTS = 32

/** The `name=value` assignments at command positions of the value, as a shell would keep them. */
function assignments(lower: string): ShellVars {
  if (!lower.includes('=') || !lower.includes('$')) return NO_VARS
  const vars = new Map<string, string>()
  // Bounded runs: each match reads at most 64 characters of value, so the scan stays linear.
  const re = /(?:^|[;&|\s`(])([a-z_][a-z0-9_]{0,30})=('[^']{0,64}'|"[^"]{0,64}"|[^\s;&|`'"()]{0,64})/g
  for (let m = re.exec(lower); m !== null && vars.size < MAX_ASSIGNMENTS; m = re.exec(lower)) {
    vars.set(m[1]!, m[2]!.replace(/^(['"])(.*)\1$/, '$2').replace(/\\(.)/g, '$1'))
  }
  return vars
}

/**
 * Reads the command word at `i`: quotes, backslashes, carets, expansions that yield nothing
 * (`$@`, `$1`, an unset `$x`, an empty `` `` ``, `$()`, `<()`) and paths removed, a variable the
 * value assigned put in its place, a brace expansion expanded.
 */
function readCommand(s: string, i: number, vars: ShellVars = NO_VARS): CommandWord {
  let j = i
  // `$IFS`, `${IFS}`, `$IFS$9` and `+` (form-encoded space) are whitespace to a shell attacker.
  for (;;) {
    if (s[j] === '{' && s[j + 1] !== ' ') {
      const braced = braceExpansion(s, j, vars)
      if (braced !== null) return braced
    }
    while (j < s.length && (s[j] === ' ' || s[j] === '\t' || s[j] === '{' || s[j] === '(')) j++
    if (s.charCodeAt(j) !== 36 /* $ */) break
    const ifs = /^(\$\{ifs\}|\$ifs(\$\d)?)/.exec(s.slice(j, j + 10))
    if (ifs === null) break
    j += ifs[0].length
  }
  if (s.charCodeAt(j) === 36 /* $ */ && s[j + 1] === '0' && SHELL_SELF_INPUT.test(s.slice(j + 2, j + 8))) return { word: 'sh', end: j + 2, shaped: 'self' }
  // Most words have no quoting to undo: then the word is a plain slice.
  let k = j
  while (k < s.length && k - j < 40 && isWordChar(s.charCodeAt(k))) k++
  const stop = s[k]
  if ((stop === '?' || stop === '*') && s[j] === '/') return globbedCommand(s, j)
  if (k - j === 40 || !(stop === "'" || stop === '"' || stop === '\\' || stop === '^' || stop === '$' || stop === '`' || stop === '<' || stop === '>')) return finishWord(s.slice(j, k), k)
  return readJoinedCommand(s, j, vars)
}

/**
 * What follows `$0` when it runs a command: `$0` is the name of the shell running the line, so fed
 * a here-string or `-c` it is that shell reading code (`$0<<<$'\154\163'` runs `ls`; waf-bypass builds
 * those octal escapes with arithmetic); anywhere else `$0` is a price.
 */
const SHELL_SELF_INPUT = /^(\s*<<<|\s+-c\s)/

/** readCommand's reading of a word written with quotes, escapes or expansions, from `j`: kept apart so that the plain word's path stays small. */
function readJoinedCommand(s: string, j: number, vars: ShellVars): CommandWord {
  let word = ''
  /** The quote a quoted run is open with, and whether the word had letters when it opened. */
  let quote = ''
  let lettersBefore = false
  let joined = false
  let quoted = false
  let variable = false
  while (j < s.length && word.length < 40) {
    const ch = s[j]!
    const empty = emptyExpansion(s, j)
    if (empty > 0) {
      // Glued to the word, an expansion that yields nothing only hides where the word is cut.
      if (word !== '' || isWordChar(s.charCodeAt(j + empty))) joined = true
      j += empty
    } else if (ch === "'" || ch === '"') {
      if (quote === '') {
        quote = ch
        lettersBefore = isLetter(word.charCodeAt(word.length - 1))
      } else if (quote === ch) {
        quote = ''
        // A quoted run glued to letters: the word is only whole to a shell (a lone apostrophe, `P's`, opens none that closes).
        if (lettersBefore || isWordChar(s.charCodeAt(j + 1))) quoted = true
      }
      j++
    } else if (ch === '\\' || ch === '^') {
      if (isLetter(s.charCodeAt(j - 1)) && isLetter(s.charCodeAt(j + 1))) {
        if (ch === '\\') joined = true
        else quoted = true
      }
      j++
    } else if (ch === '$' && (s[j + 1] === "'" || s[j + 1] === '"')) {
      // `$'…'` and `$"…"`: bash's quoting with escapes and with translation.
      j++
    } else if (ch === '$' && (s[j + 1] === '{' || /[a-z_]/.test(s[j + 1] ?? ''))) {
      const name = /^\$(?:\{([a-z_][a-z0-9_]{0,30})\}|([a-z_][a-z0-9_]{0,30}))/.exec(s.slice(j, j + 34))
      if (name === null) break
      const set = vars.get(name[1] ?? name[2]!)
      if (set !== undefined) {
        variable = true
        for (const c of set) if (isWordChar(c.charCodeAt(0))) word += c
      } else if (word !== '' || isWordChar(s.charCodeAt(j + name[0].length))) joined = true
      j += name[0].length
    } else if (isWordChar(ch.charCodeAt(0))) {
      word += ch
      j++
    } else break
  }
  const found = finishWord(word, j)
  if (joined) found.shaped = 'joined'
  else if (quoted) found.shaped = 'quoted'
  else if (variable) found.shaped = 'variable'
  return found
}

/**
 * The length of an expansion at `j` that yields nothing: `$@`, `$*`, a positional `$1`, an empty
 * command substitution (`` `` ``, `$()`) or process substitution (`<()`, `>()`); else 0.
 */
function emptyExpansion(s: string, j: number): number {
  const ch = s[j]
  const next = s[j + 1]
  if (ch === '$') return next === '@' || next === '*' || next === '!' || (next !== undefined && next >= '0' && next <= '9') ? 2 : next === '(' && s[j + 2] === ')' ? 3 : 0
  if (ch === '`') return next === '`' ? 2 : 0
  if (ch === '<' || ch === '>') return next === '(' && s[j + 2] === ')' ? 3 : 0
  return 0
}

/**
 * A brace expansion at `j` (`{ls,-la}`, `{,ifconfig,eth0}`, `{l,-lh}s`): the shell makes a word of
 * each item with what is glued after the braces, drops the empty ones, and runs the first. Without
 * a blank inside, with two items or more, and, when it starts the value, in a shape only a shell
 * writes: an empty item, a flag, or text glued after it (`fields={id,name}` of an API is a list).
 */
function braceExpansion(s: string, j: number, vars: ShellVars): CommandWord | null {
  const close = s.indexOf('}', j + 1)
  if (close < 0 || close - j > 120) return null
  const inner = s.slice(j + 1, close)
  if (!inner.includes(',') || /[\s{]/.test(inner)) return null
  let end = close + 1
  while (end < s.length && end - close < 40 && isWordChar(s.charCodeAt(end))) end++
  const suffix = s.slice(close + 1, end)
  const items = inner.split(',')
  const first = items.map((item) => item + suffix).find((w) => w !== '')
  if (first === undefined) return null
  const read = readCommand(first, 0, vars)
  // At the value's start a list of words is an API's (`fields={id,name}`) unless only a shell writes
  // it so: an empty item, a flag, a glued suffix, or a first item whose letters a shell joins across
  // quotes and escapes (`{\c''\a""\t,/\e''*?/\p*\d}`, waf-bypass's `cat /etc/passwd`).
  const joined = read.shaped === 'joined' || read.shaped === 'quoted'
  if (j === 0 && suffix === '' && !joined && !items.some((item) => item === '' || item.startsWith('-'))) return null
  return { word: read.shaped === 'glob' || read.end === first.length ? read.word : '', end, shaped: 'brace' }
}

/**
 * An absolute path with `?` or `*` wildcards (`/???/c?t`, `/usr/bin/i?`): the shell expands it
 * to the file it matches, so the command is the listed one its last part matches. A pattern of one
 * segment (`/*`, `/b??`) matches only what sits in the root directory, which holds directories
 * and no program, so it names no command (a CSS note after a declaration, `margin: 0; /* 1`).
 */
function globbedCommand(s: string, j: number): CommandWord {
  let k = j
  while (k < s.length && k - j < 40 && (isWordChar(s.charCodeAt(k)) || s[k] === '?' || s[k] === '*')) k++
  const slash = s.lastIndexOf('/', k - 1)
  if (s.slice(j, slash).replaceAll('/', '') === '') return { word: '', end: k, shaped: undefined }
  const last = s.slice(slash + 1, k)
  // Shell-only syntax, as a brace expansion is: the arguments need no further shape.
  for (const command of DISTINCT_COMMANDS) if (globMatches(last, command)) return { word: command, end: k, shaped: 'glob' }
  return { word: '', end: k, shaped: undefined }
}

/** Whether `pattern` (`?` one character, `*` any run) matches all of `name`; greedy with one backtrack point, so linear in practice and at most |pattern|·|name|. */
function globMatches(pattern: string, name: string): boolean {
  let p = 0
  let n = 0
  let star = -1
  let mark = 0
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++
      n++
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++
      mark = n
    } else if (star >= 0) {
      p = star + 1
      n = ++mark
    } else return false
  }
  while (pattern[p] === '*') p++
  return p === pattern.length
}

/** `a-z` and `0-9`: an escape between two of them (`c\\at`) only hides where a word is cut; `.\\.` is a path's. */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
}

/** `a-z`, `0-9`, `_`, `.`, `/` and `-`: what a command word (or its path) is made of. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 47 || c === 45
}

/** The command without its directory and `.exe`. */
function finishWord(path: string, end: number): CommandWord {
  let word = path
  const slash = word.lastIndexOf('/')
  if (slash >= 0) word = word.slice(slash + 1)
  if (word.endsWith('.exe')) word = word.slice(0, -4)
  // An interpreter named with its version, as distributions install it (`python3.10`, `php8.2`).
  const last = word.charCodeAt(word.length - 1)
  const versioned = last >= 48 && last <= 57 ? /^(python|php|perl|ruby|lua)\d+(\.\d+)*$/.exec(word) : null
  if (versioned !== null) word = versioned[1] === 'python' && word.startsWith('python3') ? 'python3' : versioned[1]!
  return { word, end, shaped: undefined }
}

/**
 * A command needs a separator (a line break may be written `\n`), `$(…)` or a backtick; one
 * at the very start of the value counts only with `-c`, an absolute path or a URL after
 * whitespace (`^\s+(\/(etc|…)|-c\s|[a-z]+:\/\/)` in commandAt), so a `/` that follows no
 * whitespace and starts no `://` (a request path, `M/L`, a date) wakes nothing, or when its
 * first word is one only a shell makes whole: a quoted run glued to letters (`'wh'oami`, `c''at`;
 * not a quoted word alone, the `"Android"` of a client hint), a backslash or caret before a letter
 * (`c\\at`, `c^md`), a brace list without a blank or a JSON quote before its first comma (`{id,}`),
 * a process substitution (`pi<()ng`), a here-string (`bash<<<id`), bash's function definition that Shellshock sends (`() {`),
 * or a program named by its path in a system directory (`/usr/bin/python3 -m http.server`). Without any of these nothing below can fire, and most
 * values (hyphenated words included) have none.
 */
const SHELL_MARKS = /[;|&\n\r`$]|-c\s|\\[nr]|\s\/|:\/\/|[<>]\(|<<</
export const mayBeShell = (lower: string): boolean => SHELL_MARKS.test(lower) || startsAsShellWord(lower)

/** System program directories a command line names its program by (`/usr/bin/python3 -m …`). */
const SYSTEM_BIN_DIRS = ['/bin/', '/sbin/', '/usr/bin/', '/usr/sbin/', '/usr/local/bin/', '/usr/local/sbin/']

/** Per ASCII code, 1 for a character of a command word (isWordChar) in either case. */
const WORD_ANY_CASE = new Uint8Array(128)
for (let c = 0; c < 128; c++) WORD_ANY_CASE[c] = isWordChar(c >= 65 && c <= 90 ? c | 0x20 : c) ? 1 : 0

/** A first word longer than this is a token or an id, never a command a shell joins (readCommand reads 40). */
const MAX_FIRST_WORD = 64

/** Where the run of command-word characters (either case) from `i` ends, or -1 past MAX_FIRST_WORD of them. */
function wordEnd(s: string, i: number): number {
  const stop = i + MAX_FIRST_WORD
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 127 || WORD_ANY_CASE[c] === 0) break
    if (i === stop) return -1
  }
  return i
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v'

/**
 * Whether the value (any case) starts with a word only a shell makes whole: a backslash before a
 * letter (`c\\at`), a quoted run at its start glued to what follows (`'wh'oami`), a brace list
 * without a blank or a JSON quote before its first comma (`{id,}`), bash's function definition that
 * Shellshock sends (`() {`), or a program named by its path in a system directory
 * (`/usr/bin/python3 -m …`). Written out by hand: as one regex it backtracked over every path and
 * token a request holds.
 */
export function startsAsShellWord(value: string): boolean {
  const first = value[0]
  return joinedFirstWord(value) || ((first === '{' || first === '(' || first === '/' || isBlank(first)) && shellStart(value))
}

/**
 * The value's first word has a backslash before a letter or digit (`c\\at`, `python\\3`), or the
 * value opens with a quoted run of word characters glued to what follows (`'wh'oami`,
 * `""p""y""…`), as readJoinedCommand joins it; not a quoted word alone (`"Android"`). A quote
 * inside the first word (`c''at`) is not read: such a value is made of plain characters, of which
 * the engine gives this detector only those that start with a quote (engine.ts inspectValue).
 */
function joinedFirstWord(value: string): boolean {
  const i = wordEnd(value, 0)
  if (i < 0) return false
  const q = value[i]
  if (q === '\\') return /[a-z0-9]/i.test(value[i + 1] ?? '')
  if (i > 0 || (q !== "'" && q !== '"')) return false
  const close = wordEnd(value, 1)
  return close >= 0 && value[close] === q && (WORD_ANY_CASE[value.charCodeAt(close + 1)] === 1 || value[close + 1] === q)
}

/** The value starts with a brace list, bash's `() {`, or a system program's path. */
function shellStart(value: string): boolean {
  const first = value[0]
  if (first === '{') {
    for (let j = 1; j < value.length; j++) {
      const d = value[j]
      if (d === ',') return true
      // A quote right after the brace opens a JSON object; later, it quotes inside a word (`{\c''\a""\t,…}`).
      if (d === '{' || d === '}' || (d === '"' && j === 1) || isBlank(d)) return false
    }
    return false
  }
  if (first === '/') {
    // `/b…`, `/s…` or `/u…`: a request path seldom starts so, and needs no copy then.
    const second = value.charCodeAt(1) | 0x20
    if (second !== 98 && second !== 115 && second !== 117) return false
    const head = value.slice(0, 16).toLowerCase()
    return SYSTEM_BIN_DIRS.some((dir) => head.startsWith(dir))
  }
  let k = 0
  for (const want of '(){') {
    while (isBlank(value[k])) k++
    if (value[k] !== want) return false
    k++
  }
  return true
}

function separatorAt(lower: string, i: number): string | undefined {
  for (const s of SEPARATORS) if (lower.startsWith(s, i)) return s
  return undefined
}

interface Candidate {
  rule: string
  lvl: 1 | 2 | 3
  start: number
  end: number
  why: string
}

/**
 * The command that a shell would run at `start` (after separator `sep`), if it is one worth reporting.
 * `ifs`: the value writes `$IFS` for a blank, which only a shell reads as one and only to hide
 * its blanks from a filter, so its commands need no shell-shaped arguments (`` `echo${IFS}x` ``).
 * `via`: the wrappers that run it (`nohup`, `strace`), innermost last, for the explanation.
 */
function commandAt(lower: string, start: number, sep: string, vars: ShellVars, ifs: boolean, via: readonly string[] = []): Candidate | null {
  const read = readCommand(lower, start, vars)
  const { shaped } = read
  let { word, end } = read
  // SQLite's shell skips blanks after the dot of a dot command, so `. shell nc …` is `.shell nc …`.
  if (word === '.') {
    const dot = DOT_COMMAND.exec(lower.slice(end, end + 12))
    if (dot !== null) {
      word = `.${dot[1]!}`
      end += dot[0].length
    }
  }
  if (EDITORS.has(word) && sep !== '') return editorEscape(lower, start, end, word, sep)
  if (WRAPPERS.has(word) && via.length < MAX_WRAPPERS) {
    const wrapped = wrappedCommand(lower, end, word, vars)
    if (wrapped >= 0) {
      const inner = commandAt(lower, wrapped, sep, vars, ifs, [...via, word])
      if (inner !== null) return { ...inner, start }
      // `find … -exec cmd ;` is shell syntax wherever it stands, so its command needs no shape of its own.
      const innerWord = readCommand(lower, wrapped, vars).word
      if (word === 'find' && DISTINCT_COMMANDS.has(innerWord)) {
        return { rule: ruleFor(sep), lvl: sep === '' ? 2 : 1, start, end: wrapped + 30, why: `The value runs the shell command "${innerWord}" through ${[...via, word].map(wrapperName).join(' and ')} ${separatorName(sep)}, which a shell would execute.` }
      }
    }
  }
  if (word === '' || !DISTINCT_COMMANDS.has(word)) return null
  const rest = lower.slice(end, end + 80)
  // A command word ends where a shell ends it; `;base64,` in a data: URL is not a command.
  if (shaped !== 'brace' && shaped !== 'glob' && !/^($|[\s;&|`)<>$'"])/.test(rest)) return null
  // cmd.exe's `for` takes a switch or its loop variable (`for /f "tokens=*" %i in (…) do …`, `for %i in …`); `for /kids` is a breadcrumb.
  const forLoop = word === 'for' && /^\s+(?:\/[dflr]\s|%%?[a-z]\s)/.test(rest)
  if (word === 'for' && !forLoop) return null
  // An everyday command word with no argument where the value ends does something only as a
  // probe (`; id`, below) or as an interpreter running what a pipe feeds it (`| sh`); else it
  // ends a sentence or a title (`all of the above & more`, `Gifts | More`, a search typed up
  // to `tee's & sh`). A bare interpreter after `;` or `&` reads the process's own input (a CGI
  // script's is the request body), so it still counts at level 3.
  if (NEEDS_OPERAND.has(word) && shaped !== 'brace' && /^\s*($|[;&|)\n\r])/.test(rest)) return null
  const bareInterpreter = INTERPRETERS.has(word) && /^\s*$/.test(rest)
  const shapedArgs = shaped !== undefined || ifs || forLoop || (bareInterpreter && sep === '|') || SHELL_ARGS.test(rest) || (word === 'set' && /^\s+\/a\s/.test(rest)) || (word === 'format' && FORMAT_DRIVE.test(rest)) || (word === 'net' && NET_PROBE.test(rest)) || (word === 'sleep' && /^\s+\d+\s*($|[;&|`)#])/.test(rest))
  const probe = PROBE_COMMANDS.has(word) && /^\s*($|[;&|`)])/.test(rest)
  const shellArgs = shapedArgs || probe
  let lvl: 1 | 2 | 3 | 0 = 0
  // `$(` never occurs in prose; backticks do (Markdown code spans), so there the word must look like a command.
  if (sep === '$(') lvl = 1
  else if (sep === '`') lvl = !WORD_COMMANDS.has(word) || shellArgs || PROBE_COMMANDS.has(word) ? 1 : 3
  else if (sep === '') {
    lvl = shellArgs && /^\s+(\/(etc|bin|usr|tmp|dev|proc|var|home|root)(\/|\s|$)|-c\s|[a-z]+:\/\/)/.test(rest) ? 1 : 0
    // A word only a shell makes whole (`{,ifconfig,eth0}`, `pi$()ng 127.0.0.1`, `c\\at`, `'wh'oami`) is
    // no value a form or a search sends; a wildcard path starting the value may be a URL path (`/p?id=5`).
    if (lvl === 0 && shaped !== undefined && shaped !== 'glob') lvl = 2
    // So is a program named by its path in a system directory with a flag or a path after it
    // (`/usr/bin/python3 -m http.server`, `/bin/sh -i`): a command line and nothing else.
    if (lvl === 0 && shellArgs && SYSTEM_BIN.test(lower.slice(start, end))) lvl = 2
    // And a probe that is no English word with a separator glued to it (`whoami;…`, `ifconfig|…`):
    // a command list, where a word of a title or a sentence is followed by a blank.
    if (lvl === 0 && probe && !WORD_COMMANDS.has(word) && GLUED_SEPARATOR.test(rest)) lvl = 2
    // And an interpreter fed a here-string (`bash<<<'id'`, `python3<<<…`): only a shell writes `<<<`.
    if (lvl === 0 && INTERPRETERS.has(word) && HERE_STRING.test(rest)) lvl = 2
  } else if (WORD_COMMANDS.has(word)) lvl = shapedArgs ? 1 : probe ? (via.length === 0 && endsListOfWords(lower, start, end, sep) ? 3 : 1) : bareInterpreter ? 3 : 0
  else lvl = 1
  if (lvl === 0) return null
  const through = via.length === 0 ? '' : ` through ${via.map(wrapperName).join(' and ')}`
  return { rule: ruleFor(sep), lvl, start, end: end + 30, why: `The value runs the shell command "${word}"${SHAPED_HOW[shaped ?? ''] ?? ''}${through} ${separatorName(sep)}, which a shell would execute.` }
}

/** cmd.exe's `format` given a drive that ends the value or takes a switch (`; format C:`, `format d: /q`), which erases it. */
const FORMAT_DRIVE = /^\s+[a-z]:\s*(?:$|[;&|/])/

/**
 * cmd.exe's `net` asked for the accounts or groups and nothing more where its command ends (`& net user`,
 * `|net localgroup`): what a probe lists first. `view`, `share` and `accounts` are words of a report's
 * labels (`Gross & Net View`, `Market & Net Share`).
 */
const NET_PROBE = /^\s+(?:user|localgroup)[ \t]*(?:$|[;&|\n\r])/

/** A here-string right after a command word: glued to it, or quoted or expanded (`bash <<< 'id'`); `bash <<< is a …` is a sentence. */
const HERE_STRING = /^(?:<<<|\s*<<<\s*['"$])/

/** A separator glued to the word before it. */
const GLUED_SEPARATOR = /^[;&|`]/

/** Words of prose before a list separator that make what precedes it a phrase, not a parameter's value. */
const LIST_PHRASE_WORDS = 2

/**
 * The everyday word from `start` to `end` (a probe such as `set`, `id`, `ls`, `env`) is the last item of a
 * list of words and ends the value: the separator is written as prose writes it, `;` with a blank after
 * it, `&` or `|` with blanks around it, after a phrase of two or more words on its line (numbers and
 * lone list marks besides: `wine glass; set`, `Kids & Baby; Set`, `Lexus RX & LS`). An injected probe
 * is the value itself (`; id`), or is glued to the one word or token the application expected
 * (`a;id`, `1&whoami`, `shoes;set`).
 */
function endsListOfWords(lower: string, start: number, end: number, sep: string): boolean {
  if (sep !== ';' && sep !== '&' && sep !== '|') return false
  const at = start - 1
  if (lower[start] !== ' ' || (sep !== ';' && lower[at - 1] !== ' ') || /\S/.test(lower.slice(end))) return false
  let words = 0
  for (const token of lower.slice(lineStart(lower, at), at).split(' ')) {
    if (token === '') continue
    if (PROSE_WORD.test(token)) words++
    else if (!/^(\d+|[&|+/-])$/.test(token)) return false
  }
  return words >= LIST_PHRASE_WORDS
}

/** The rule a command at a position after `sep` reports. */
const ruleFor = (sep: string): string => (sep === '$(' || sep === '`' ? 'waf.rce.command-substitution' : sep === '' ? 'waf.rce.command' : 'waf.rce.command-chain')

const wrapperName = (w: string): string => (w === 'find' ? '"find … -exec"' : `"${w}"`)

function separatorName(sep: string): string {
  return sep === '' ? 'at the start of the value' : sep === '\n' || sep === '\r' ? 'after a line break' : `after "${sep}"`
}

/**
 * Programs that run the command given as their argument, after their own options: `time`,
 * `nohup`, `strace`, `timeout 5`, `nice -n 10`, `flock -u /`, `cpulimit -l 100 -f`, `sudo -u root`,
 * `env X=1`, `xargs`, `exec`, SQLite's shell dot commands `.shell` and `.system`, and `find`'s
 * `-exec`/`-execdir`/`-ok`.
 */
const WRAPPERS = new Set(['time', 'nohup', 'strace', 'ltrace', 'timeout', 'nice', 'ionice', 'flock', 'cpulimit', 'stdbuf', 'setsid', 'chroot', 'sudo', 'doas', 'env', 'xargs', 'exec', 'watch', 'busybox', '.shell', '.system', 'find'])
/** The name of a SQLite dot command written after blanks; anchored, on at most 12 characters. */
const DOT_COMMAND = /^[ \t]+(shell|system)(?=[ \t])/
/** Wrappers read in a row (`sudo nohup time …`). */
const MAX_WRAPPERS = 3
/** Words read after a wrapper to find its command: options and their values. */
const MAX_WRAPPER_WORDS = 8
/** find's options that run a command, which ends at a `;` find reads (written `\;` or `';'`). */
const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir'])

/**
 * Where the command a wrapper runs starts, or -1: the first word after the wrapper's options
 * (`-l`, `-l 100`, `--foo=bar`), numbers, paths and assignments (`X=1`) that is a listed command
 * or another wrapper; for `find`, the word after `-exec` when a `;` follows it. A word that is
 * none of these ends the search (`time to sleep`).
 */
function wrappedCommand(lower: string, from: number, wrapper: string, vars: ShellVars): number {
  let k = from
  let optionValue = false
  for (let n = 0; n < MAX_WRAPPER_WORDS; n++) {
    const blank = k
    while (lower[k] === ' ' || lower[k] === '\t') k++
    if (k === blank || k >= lower.length) return -1
    let e = k
    while (e < lower.length && e - k < 40 && !WORD_END.has(lower[e]!)) e++
    const token = lower.slice(k, e)
    if (wrapper === 'find') {
      if (FIND_EXEC.has(token)) {
        const after = e + 1
        return lower.indexOf(';', after) > after ? after : -1
      }
    } else {
      const word = readCommand(lower, k, vars).word
      if (DISTINCT_COMMANDS.has(word) || WRAPPERS.has(word)) return k
      const option = token[0] === '-'
      if (!(option || optionValue || OPERAND.test(token))) return -1
      optionValue = option && !token.includes('=')
    }
    k = e
  }
  return -1
}

/** What ends a word after a wrapper: a blank or a separator. */
const WORD_END = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '`'])
/** A wrapper's operand that is no command: a number or duration, a path, an assignment. */
const OPERAND = /^(\d|[/.~]|[a-z_][a-z0-9_]*=)/


/** A command word written with its path in a directory of system programs. */
const SYSTEM_BIN = /^\s*\/(?:usr\/(?:local\/)?)?s?bin\/[a-z0-9_.-]+$/

/** Editors whose command line runs a shell command after `!` (`vim -c ':!id'`, `ex -c:!pwd`). */
const EDITORS = new Set(['vi', 'vim', 'nvim', 'rvim', 'view', 'ex'])

/**
 * An editor started after a separator with a shell escape among its arguments: `!` and a
 * listed command (`;vim -c:\\!pwd`, `;vi x silent !whoami wq`), which the editor hands to a
 * shell when it reads its `-c` or `+` commands.
 */
function editorEscape(lower: string, start: number, end: number, editor: string, sep: string): Candidate | null {
  const args = lower.slice(end, end + 80)
  if (!/^\s/.test(args)) return null
  for (let bang = args.indexOf('!'); bang >= 0; bang = args.indexOf('!', bang + 1)) {
    let k = bang + 1
    while (args[k] === ' ') k++
    const { word } = readCommand(args, k)
    if (DISTINCT_COMMANDS.has(word)) {
      return { rule: 'waf.rce.command-chain', lvl: 1, start, end: end + bang + 30, why: `The value starts the editor "${editor}" after "${sep}" with "!${word}" among its commands, which the editor runs in a shell.` }
    }
  }
  return null
}

/** The last non-blank line before `i` has three or more words of letters: a sentence, not a parameter value. */
function proseLineBefore(lower: string, i: number): boolean {
  let end = i
  while (end > 0 && (lower[end - 1] === '\n' || lower[end - 1] === '\r' || lower[end - 1] === ' ' || lower[end - 1] === '\t')) end--
  const from = Math.max(lower.lastIndexOf('\n', end - 1), lower.lastIndexOf('\r', end - 1), end - 400) + 1
  let words = 0
  for (const w of lower.slice(from, end).split(' ')) if (PROSE_WORD.test(w) && ++words >= 3) return true
  return false
}

/**
 * The backtick at `open` starts a Markdown code fence on a line of its own (```` ``` ```` and an
 * optional language) that a later fence line closes, with text outside it: code quoted in a
 * message (a forum post's pasted `docker run … $(pwd)…`). Returns the index of the closing
 * fence, or -1. A shell would run the block too (backticks are substitutions), so what it holds
 * still counts at level 3.
 */
function fencedBlock(lower: string, open: number): number {
  if (!lower.startsWith('```', open) || !(open === 0 || lower[open - 1] === '\n' || lower[open - 1] === '\r')) return -1
  const openEnd = lower.slice(open + 3, open + 40).search(/[\n\r]/)
  if (openEnd < 0 || !/^[a-z0-9+-]*\s*$/.test(lower.slice(open + 3, open + 3 + openEnd))) return -1
  const close = lower.indexOf('\n```', open + 3 + openEnd)
  if (close < 0 || close - open > 8192) return -1
  const after = close + 4
  const closed = after === lower.length || lower[after] === '\n' || lower[after] === '\r' || lower[after] === ' '
  const outside = /\S/.test(lower.slice(0, open)) || /\S/.test(lower.slice(after, after + 400))
  return closed && outside ? close : -1
}

/**
 * Separators that a sentence can quote: not a line break (read by proseLineBefore), nor a
 * backtick (a code span is read by proseCodeSpan; one glued to a word is a substitution), nor a
 * `$(` glued to the word before it (`name$(id)`), as injections write them.
 */
function quotable(lower: string, i: number, sep: string): boolean {
  if (sep === '\n' || sep === '\r' || sep === '`') return false
  return sep !== '$(' || i === 0 || lower[i - 1] === ' ' || lower[i - 1] === '\t'
}

/** Where the line holding `i` starts, looking back at most 400 characters. */
/** The line holding `i` follows a line of prose: a command line quoted in a message, as after a paragraph break. */
function quotedLine(lower: string, i: number): boolean {
  const from = lineStart(lower, i)
  return from > 0 && (lower[from - 1] === '\n' || lower[from - 1] === '\r') && proseLineBefore(lower, from)
}

/** Words of prose on a line, naming no command, that make it a sentence; two of them after the separator. */
const SENTENCE_WORDS = 4
const SENTENCE_WORDS_AFTER = 2

/**
 * The line around the separator at `i` reads as a sentence that goes on past the command: four
 * or more words of prose that name no command, two of them after it (`Q: The instructions say
 * to run Get-ChildItem … | Remove-Item -WhatIf - is that right for v2?`). A chain injected into a
 * parameter follows the parameter's value and ends the value, or a comment does.
 */
function sentenceAround(lower: string, i: number): boolean {
  const from = lineStart(lower, i)
  let to = lower.slice(i, i + 400).search(/[\n\r]/)
  to = to < 0 ? Math.min(lower.length, i + 400) : i + to
  const proseWords = (text: string): number => {
    let n = 0
    for (const w of text.split(' ')) if (PROSE_WORD.test(w) && !DISTINCT_COMMANDS.has(w.replace(/[,.:;!?]$/, ''))) n++
    return n
  }
  const after = proseWords(lower.slice(i, to))
  return after >= SENTENCE_WORDS_AFTER && after + proseWords(lower.slice(from, i)) >= SENTENCE_WORDS
}

/** Function definitions read per value: a fork bomb needs one. */
const MAX_DEFINITIONS = 16

/**
 * A shell function that calls itself into a pipe or the background (`:(){ :|:& };:`,
 * `f(){ f|f& };f`, `test() { test | test & }`): each call starts two more until the server runs
 * out of processes. JavaScript's method shorthand `f(){ … }` has no reason to pipe or background
 * itself, and `||`/`&&` (its and the shell's logic) are not read as either.
 */
function forkBomb(lower: string): Candidate | null {
  let from = 0
  for (let n = 0; n < MAX_DEFINITIONS; n++) {
    const paren = lower.indexOf('()', from)
    if (paren < 0) return null
    from = paren + 2
    let open = from
    while (lower[open] === ' ' || lower[open] === '\t') open++
    if (lower[open] !== '{') continue
    let start = paren
    while (start > 0 && paren - start < 30 && /[a-z0-9_.:-]/.test(lower[start - 1]!)) start--
    const name = lower.slice(start, paren)
    const close = lower.indexOf('}', open)
    if (name === '' || close < 0 || close - open > 200) continue
    const body = lower.slice(open + 1, close)
    for (let at = body.indexOf(name); at >= 0; at = body.indexOf(name, at + 1)) {
      let k = at + name.length
      if (body.startsWith('()', k)) k += 2
      while (body[k] === ' ' || body[k] === '\t') k++
      const op = body[k]
      if ((op === '|' || op === '&') && body[k + 1] !== op && (at === 0 || !/[a-z0-9_]/.test(body[at - 1]!))) {
        return { rule: 'waf.rce.fork-bomb', lvl: 2, start, end: close + 4, why: `The value defines the shell function "${name}" that ${op === '|' ? 'pipes' : 'sends'} calls to itself ${op === '|' ? 'into one another' : 'to the background'}, a fork bomb that exhausts the server's processes.` }
      }
    }
  }
  return null
}

export const detectShell: Detector = (input, out) => {
  if (mayBeShell(input.lower)) scanShell(input, out)
}

/** The scan behind detectShell, without its pre-screen (exported so a test can hold the pre-screen to it). */
export const scanShell: Detector = (input, out) => {
  const { value, level } = input
  const ifs = input.lower.includes('ifs') && (input.lower.includes('$ifs') || input.lower.includes('${ifs}'))
  let lower = ifs ? input.lower.replaceAll('${ifs}', ' ').replace(/\$ifs(\$\d)?/g, ' ') : input.lower
  // A line break written as the escape `\n` or `\r` (payload lists, and values an application
  // unescapes before it builds a command line) separates commands as the break itself does;
  // a space keeps the offsets of the value for the excerpt.
  if (lower.includes('\\')) lower = lower.replace(/\\[nr]/g, (e) => ` ${e === '\\n' ? '\n' : '\r'}`)
  let best = findCommand(lower, ifs)
  // A `+` left in a decoded value is a blank to an application that URL-decodes it again
  // (`;c$@at%2B/etc/passwd`, `127.0.0.1%2B%26%26%2Bls`); to a shell `cat+/etc/passwd` is one word.
  // Read again so, prose checks included (a serialised form's `Tried+\`curl+…\`+and+…` is a
  // sentence); not in a header nor in a URL's query (`?q=wine+glass;+set&x=1`), where `+` is the
  // query's own space. Only commands after a separator count so (`cat+/etc/passwd` alone is a plain
  // command, which needs a shape of its own), so only a value with a `+` at or right after a command
  // position is read again.
  let plus = false
  if ((best === null || best.lvl > level) && input.kind !== 'header' && lower.includes('+') && PLUS_AT_COMMAND.test(lower) && !urlQuery(lower)) {
    const again = findCommand(lower.replaceAll('+', ' '), ifs, false)
    if (again !== null && again.lvl <= level) {
      best = again
      plus = true
    }
  }
  if (best !== null && best.lvl <= level) {
    out.push({ rule: best.rule, category: 'rce', level: best.lvl, score: 5, excerpt: excerptAt(value, Math.max(0, best.start - 2), best.end), explanation: plus ? `${best.why.slice(0, -1)} (with + read as a blank, as a second URL decoding makes it).` : best.why })
  }
}

/**
 * A `+` right after a separator, or glued after the first word there (`;+id`, `;c$@at+/etc`): the
 * only places where reading it as a blank can make a command. One bounded run per separator, so
 * linear; a consent cookie's `&datestamp=thu+nov+…` stops at its `=`.
 */
const PLUS_AT_COMMAND = /(?:[;&|`\n\r]|\$\()[ \t]*(?:\+|[a-z0-9_./$@!'"\\-]{1,40}\+)/

/** The value holds a URL or a URL's query string (a `?` before an `=`), whose `+` are its spaces. */
function urlQuery(lower: string): boolean {
  const q = lower.indexOf('?')
  return lower.includes('://') || (q >= 0 && lower.indexOf('=', q) > q)
}

/** Shellshock's function definition at the start of the value, or a fork bomb. */
function functionDefinition(lower: string): Candidate | null {
  if (/\(\s*\)\s*\{\s*:\s*;\s*\}\s*;/.test(lower)) {
    const at = lower.indexOf('(')
    return { rule: 'waf.rce.shellshock', lvl: 1, start: at + 2, end: at + 40, why: 'The value starts with "() { :; };", the Shellshock function definition that makes bash run what follows.' }
  }
  if ((lower[0] === '(' || isBlank(lower[0])) && /^\s*\(\s*\)\s*\{/.test(lower)) {
    // Any body will do: an unpatched bash imports a variable that starts so as a function and
    // runs what follows it (`() { _; } >_[$($())] { id; }`); no header or parameter starts so.
    return { rule: 'waf.rce.shellshock', lvl: 2, start: lower.indexOf('(') + 2, end: 40, why: 'The value starts with "() {", the function definition an unpatched bash imports from an environment variable (Shellshock).' }
  }
  return forkBomb(lower)
}

/**
 * The command the value runs that counts at the lowest level, in `lower` as scanShell prepared it;
 * with `whole` false, only a command after a separator (not the value's start, Shellshock or a fork bomb).
 */
function findCommand(lower: string, ifs: boolean, whole = true): Candidate | null {
  if (whole) {
    // Nothing else to find then: the definition is the attack.
    const definition = functionDefinition(lower)
    if (definition !== null) return definition
  }
  const vars = assignments(lower)
  let best = whole ? commandAt(lower, 0, '', vars, ifs) : null
  let examined = 0
  /** The closing backtick of the prose code span the scan is in, or -1. */
  let spanEnd = -1
  for (let i = 0; i < lower.length && examined < MAX_SEPARATORS; i++) {
    const c = lower.charCodeAt(i)
    // ; | & \n \r ` $: the first characters of SEPARATORS.
    if (c !== 59 && c !== 124 && c !== 38 && c !== 10 && c !== 13 && c !== 96 && c !== 36) continue
    const sep = separatorAt(lower, i)
    if (sep === undefined) continue
    examined++
    if (sep === '`' && i > spanEnd) spanEnd = Math.max(fencedBlock(lower, i), proseCodeSpan(lower, i))
    const cand = commandAt(lower, i + sep.length, sep, vars, ifs)
    // So is a command inside a code span of a sentence or a fenced code block, and any chain within it.
    if (cand !== null && i <= spanEnd && cand.lvl < 3) cand.lvl = 3
    // A line break after a line of prose is a paragraph break: the command is quoted in a
    // message (a support ticket's pasted `curl`), not chained to a value a shell receives.
    if (cand !== null && (sep === '\n' || sep === '\r') && cand.lvl < 3 && proseLineBefore(lower, i)) cand.lvl = 3
    // And a chain inside a sentence, or on a line of its own after one, is a command line quoted
    // in a message; but not a download piped into an interpreter (`curl … | sh`), quoted or not.
    if (cand !== null && quotable(lower, i, sep) && cand.lvl < 3 && !(sep === '|' && INTERPRETERS.has(readCommand(lower, i + 1).word)) && (sentenceAround(lower, i) || quotedLine(lower, i))) cand.lvl = 3
    if (cand !== null && (best === null || cand.lvl < best.lvl)) best = cand
    i += sep.length - 1
  }
  return best
}
