import { readdirSync, readFileSync, existsSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeValue } from '../normalize/decode.ts'
import type { Finding } from './finding.ts'
import { detectSqli, escapedQuotes, mayFormSql, plainWords, readAsSql, syntaxProbe } from './sqli.ts'

const rules = new URL('../rules/', import.meta.url)
/** Every payload line of every class, attacks and benign, decoded as the engine decodes values. */
const payloads = readdirSync(rules, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => ['attack.txt', 'benign.txt'].map((f) => new URL(`${d.name}/payloads/${f}`, rules)))
  .filter((u) => existsSync(u))
  .flatMap((u) => readFileSync(u, 'utf8').split('\n').filter(Boolean))
  .map((line) => decodeValue(line.replaceAll('\\r', '\r').replaceAll('\\n', '\n')))

describe('plain words skip the SQL lexer only where nothing could fire', () => {
  it('no payload that reads as SQL up to level 2 counts as plain words', () => {
    const sql = payloads.filter((p) => readAsSql(p, 2) !== null)
    expect(sql.length).toBeGreaterThan(20)
    for (const p of sql) expect(plainWords(p, p.toLowerCase()), p).toBe(false)
  })

  it('any value of plain words reads as no SQL up to level 2, whatever SQL words it holds', () => {
    const words = ['union', 'UNION', 'select', 'SELECT', 'all', 'from', 'where', 'having', 'WHERE', 'order', 'by', 'group', 'and', 'or', 'OR', 'xor', 'not', 'like', 'is', 'in',
      'exists', 'into', 'outfile', 'dumpfile', 'waitfor', 'delay', 'sleep', 'benchmark', 'true', 'false', 'null', '1', '0x1f', '.5', '42', 'drop',
      'table', 'users', 'information', 'schema', 'sysobjects', 'sys.objects', 'mysql.user', 'exec', 'xp', 'cmdshell', 'shutdown', '$x', 'a.b', 'shoes', 'mum', 't-shirt', '-', '--', '-1', ',', 'a,b', '1,2', 'usb-c', '&', '&&', 'm&s', '&1', '1&', 'a&&b', '&-1']
    // An apostrophe glued between words as well: plain only between two letters and among unlisted words.
    const space = fc.constantFrom(' ', '  ', '\t', '\n', '\u0000', "'", "'", "' ")
    const value = fc.array(fc.tuple(fc.constantFrom(...words), space), { minLength: 1, maxLength: 8 }).map((parts) => parts.map(([w, s]) => w + s).join(''))
    // Half of them shaped as a boolean clause after a literal, the form most of SQL injection takes.
    const clause = fc.tuple(fc.constantFrom('1 ', '42 ', 'true ', 'null ', '.5 ', '-1 ', '- 1 '), fc.constantFrom('and ', 'or ', 'order by '), value).map((p) => p.join(''))
    fc.assert(
      fc.property(fc.oneof(value, clause), fc.constantFrom('', ' ', 'x ', '& ', '&& ', "x'", "O'", "rock'n'"), (v, lead) => {
        const s = lead + v
        if (plainWords(s, s.toLowerCase())) expect(readAsSql(s, 2)).toBeNull()
      }),
      { numRuns: 10000 },
    )
  })

  it('ordinary searches are plain words; quotes, operators, numbers first and SQL words are not', () => {
    for (const s of ['gift for mum', 'Levis 501 slim', 'usb-c cable, 2m', 'shoes 123', 'mug-01', 'rock & roll', 'AT&T case', "O'Reilly books", "rock'n'roll 7", "Levi's 501"]) expect(plainWords(s, s.toLowerCase())).toBe(true)
    for (const s of ["x'or'a'like'a", "x'order by 1", "waitfor delay'a'b", "it's on sale", "'quoted'", "a''b", "a'1", "1'a", 'rock & roll (live)', '1 or 2', 'union station', 'true love', 'log_in', 'walk into town', '-1 or x', 'a;b', 'f(x)']) expect(plainWords(s, s.toLowerCase())).toBe(false)
  })
})

describe('a bare value that starts as an appended clause', () => {
  it('reads as SQL: AND/OR with a condition, ORDER BY a column number, two constants compared after WHERE or HAVING', () => {
    for (const v of [' OR 1=1', 'or true--', ' AND 1=0#', "or 'a'='a", 'or x=x', ' or sleep(5)', 'AND (SELECT * FROM users)', ' ORDER BY 3-- ', 'ORDER BY 5', 'group by 2,3', ' HAVING 1=1', ' AS t WHERE 1=1 AND 1=0', 'x and 2>1']) {
      expect(readAsSql(v, 2), v).not.toBeNull()
    }
  })

  it('reads as no SQL when it is prose: names compared, sums, ORDER BY a word, no condition', () => {
    for (const v of ['order by price', 'order by 5pm', 'order by 12 december', 'or 2 + 2', 'and price = low', 'having fun = good times', 'and/or gift set', 'orange juice', 'where is my order?', 'or best offer', 'and more!', 'where size = 10']) {
      expect(readAsSql(v, 2), v).toBeNull()
    }
  })
})

describe('an AND/OR operand that runs straight into another literal', () => {
  it('ends no expression SQL can end when it is a number: sizes with inch marks joined by or', () => {
    for (const v of ['1/2" OR 3/4" fittings', '3/4" or 1/2" hose', 'x" OR 3/4 inch']) expect(readAsSql(v, 2), v).toBeNull()
  })

  it('still reads as SQL where the operand ends as SQL ends one (the value, a comment, a comparison, a keyword) or is a prefix glued to its string (N\'text\')', () => {
    for (const v of ['1" OR 3/4 --', '1/2" OR 3/4=3/4 "', '1" or 1=1 --', '1" or "1"="1', "x' or 1=1 limit 1", '1" OR 2-1', "' or 'text' = n'text'"]) expect(readAsSql(v, 2), v).not.toBeNull()
  })
})

describe('more of what SQL injection tools send', () => {
  it('reads as SQL: comments for spaces, closed parentheses, a name compared with a call or itself, T-SQL batches, SQLite heavy calls', () => {
    for (const v of ['/**/or/**/1/**/=/**/1', "') or ('x')=('x", '") or ("x")=("x', ' or username like char(37);', 'hi or a=a', 'declare @s varchar(200) select @s = 0x77 exec(@s)', 'RANDOMBLOB(500000000/2)', '|| 1==1', 'x || 2>1']) {
      expect(readAsSql(v, 2), v).not.toBeNull()
    }
  })

  it('reads as no SQL in prose of the same shape', () => {
    for (const v of ['declare your love', '(red) or (blue)', 'or best (new) offer', 'a or b = c', "Levi's (501) or ('502') jeans", 'hi or bye', '|| pipes ||', 'a || b = c']) {
      expect(readAsSql(v, 2), v).toBeNull()
    }
  })
})

describe('a comment with more SQL after it is whitespace, as sqlmap\'s space2comment, space2mysqldash and space2hash write spaces', () => {
  it('reads as SQL: line comments a line break ends, block comments between words, a call whose name closes an executable comment', () => {
    for (const v of ['1--\nAND--\n7909=7909', "admin'#qXyz\nOR#AbCd\n'a'='a", '5--\nORDER--\nBY--\n3#', '12/**/AND/**/MAKE_SET(4807=4807,2234)--/**/x', "2/**/IF(3480=3480)/**/WAITFOR/**/DELAY/**/'0:0:3'", "1;WAITFOR#ab\nDELAY#cd\n'0:0:5'--", '13/*!AND*//*!ELT*/(7526=7526,6232)', '2)/*!RLIKE*//*!SLEEP*/(3)-- -', '{"user":-5110 OR 8525 LIKE 8525,"qty":1}']) {
      expect(readAsSql(v, 2), JSON.stringify(v)).not.toBeNull()
    }
  })

  it('reads as no SQL when the words around the comment are prose', () => {
    for (const v of ['# Great mug\nand the lid fits', 'size 10 -- wide fit\nor size 11', 'Gift -- wrap it\norder by friday', 'Blue/**/green and price = low']) expect(readAsSql(v, 2), JSON.stringify(v)).toBeNull()
  })
})

describe('keywords split by empty comments (sqlmap randomcomments) and escaped quotes (escapequotes), for filters that strip them', () => {
  const at2 = (v: string) => {
    const out: Finding[] = []
    detectSqli({ value: v, lower: v.toLowerCase(), kind: 'arg', level: 2, header: null }, out)
    return out
  }

  it('reads as SQL at level 2 once the comments are gone, and says so', () => {
    for (const v of ["-7173') U/**/NION A/**/LL SELE/**/CT NUL/**/L,NU/**/LL-- -", "jane@example.com\\' AND (SELECT 6579 FROM (SELECT(SLEEP(5)))MZQS)#", '42 AN/**/D 4049=LIK/**/E(CHA/**/R(65,66),U/**/PPER(HE/**/X(RANDOMBL/**/OB(500000000/2))))-- -']) {
      const f = at2(v)
      expect(f.map((x) => x.level), v).toEqual([2])
      expect(f[0]!.explanation).toContain('as a filter passes it on')
    }
  })

  it('reads as no SQL when the words joined are none (CSS hacks, code)', () => {
    for (const v of ['color:red/**/;font/**/size', 'a/**/b and c', 'x/**/y = z', "O\\'Reilly and sons", '{\\"size\\":\\"XL\\",\\"qty\\":2}']) expect(at2(v), v).toEqual([])
  })
})

describe('a # after a closing quote', () => {
  it('cuts the query when it is a MySQL comment (level 2)', () => {
    for (const v of ["admin'#", "admin'# anything", "x')#", "1' #add"]) expect(readAsSql(v, 2)?.hit.rule, v).toBe('waf.sqli.comment-truncation')
  })

  it('is a quoted fragment id or CSS selector when the same quote closes it (a stack frame of an error report)', () => {
    for (const v of ["document.querySelector('#add-to-cart').addEventListener('click', onAdd)", "$('#cart_count').text(n)", "<a href='#top'>Back to top</a>"]) expect(readAsSql(v, 2), v).toBeNull()
  })
})

describe('probes injection tools send in other dialects', () => {
  it('reads as SQL: a comparison after OR cut by a comment, IF over two constants running a statement, an Oracle network package named', () => {
    for (const v of [' OR x=y-- ', ' OR x=y#', 'AND a<b--', 'IF(7423=7423) SELECT 7423 ELSE DROP FUNCTION x--', "'||UTL_HTTP.REQUEST", '||utl_inaddr.get_host_name']) expect(readAsSql(v, 2), v).not.toBeNull()
  })

  it('reads as no SQL in prose of the same shape', () => {
    for (const v of ['or size=large -- thanks', 'or size=large, please', 'if (a = b) select one', 'IF(size=10) SELECT the wide fit', 'utility http request', 'utl_https_guide.pdf']) expect(readAsSql(v, 2), v).toBeNull()
  })
})

describe('the SQL pre-screen skips only values in which no rule could fire', () => {
  /** The attack corpora of bench/waf/payload-eval.ts and payload-eval-2.ts (PayloadsAllTheThings, SecLists, fuzzdb, payloadbox), decoded as the engine decodes values. */
  const corpora = new URL('../../../../../bench/waf/corpora/', import.meta.url)
  const sources = ['attack-sources.json', 'payload-sources-2.json', 'payload-sources-3.json'].map((f) => JSON.parse(readFileSync(new URL(f, corpora), 'utf8')) as Record<string, Array<{ path: string }>>)
  const corpus = sources
    .flatMap((s) => Object.entries(s))
    .flatMap(([dir, files]) => files.flatMap((f) => readFileSync(new URL(`${dir}/${f.path}`, corpora), 'utf8').split('\n')))
    .filter((l) => l.trim() !== '')
    .map((l) => decodeValue(l.replace(/\r$/, '')))

  it('passes every fixture and attack-corpus value that reads as SQL at any level, and skips most benign ones', () => {
    let read = 0
    for (const v of [...payloads, ...corpus]) {
      for (const level of [1, 2, 3, 4]) {
        if (readAsSql(v, level) === null) continue
        read++
        expect(mayFormSql(v.toLowerCase()), v).toBe(true)
      }
    }
    expect(read).toBeGreaterThan(1000)
    for (const v of ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)', 'Great mug - holds 12 oz; the rim is gold.', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc_-def']) expect(mayFormSql(v.toLowerCase()), v).toBe(false)
  })

  it('skips a value whose quotes all follow its comments, which no literal context closes before the comment', () => {
    for (const v of ["For Mum & Dad <3 -- O'Brien", 'Size 10 -- the "wide" fit', "#1 gift for Dad's birthday"]) {
      expect(mayFormSql(v.toLowerCase()), v).toBe(false)
      expect(readAsSql(v, 4), v).toBeNull()
    }
    for (const v of ["O'Brien -- a gift", '"wide" fit # size 10', "it's /* here */"]) expect(mayFormSql(v.toLowerCase()), v).toBe(true)
  })

  it('passes any value that reads as SQL, built of SQL words glued by digits, dots, quotes, comments and symbols', () => {
    const words = ['union', 'select', 'and', 'or', 'xor', 'order', 'group', 'by', 'into', 'outfile', 'where', 'having', 'waitfor', 'delay', 'declare', 'exec', 'drop', 'table', 'sleep', 'benchmark', 'pg_sleep',
      'information_schema.tables', 'utl_http.request', 'dbms_lock.sleep', 'sp_password', '@@version', '@x', 'if', 'from', 'users', 'x', 'id', 'ı', 'ſelect', 'Union']
    const glue = ['', ' ', '1', '.', '/*!50000', '/**/', '*/', "'", '"', '--', '#', '(', ')', ';', '=', '1=1', '&&', '||', '`', '[', ']', '$', '_', '0x1f', '1e5', '\n', '\u00a0']
    const value = fc.array(fc.tuple(fc.constantFrom(...glue), fc.constantFrom(...words)), { minLength: 1, maxLength: 7 }).map((p) => p.map(([g, w]) => g + w).join(''))
    fc.assert(
      fc.property(value, fc.constantFrom(...glue), (v, tail) => {
        const s = v + tail
        if (!mayFormSql(s.toLowerCase())) expect(readAsSql(s, 4), s).toBeNull()
      }),
      { numRuns: 20000 },
    )
  })
})

describe('the character soup injection tools append (sqlmap heuristic check)', () => {
  it('is a run of eight or more quotes, parentheses, dots and commas with both quotes and a parenthesis', () => {
    for (const v of ['1\'".(),(\'"', 'shoes),"\'.((\'.', '42.,(\'"")\'']) expect(syntaxProbe(v), v).toBeGreaterThanOrEqual(0)
  })

  it('is not punctuation people write: heights, quotes in code, ellipses, emoticons', () => {
    for (const v of ['5\'10" tall', 'print("\'")', 'wait..."really?"', 'sizes (S, M, L) "new"', ":'( sad", '"\'...\'"', '("a","b")']) expect(syntaxProbe(v), v).toBe(-1)
  })
})

describe('a run of quotes of both kinds, eight or more (skipfish quoting probes)', () => {
  it('is a syntax probe without a parenthesis in it', () => {
    for (const v of [`''''""""`, `q'"'"'"'"`, `x''''"""",en`]) expect(syntaxProbe(v), v).toBeGreaterThanOrEqual(0)
  })

  it('is not a run of one kind of quote, nor fewer than eight', () => {
    for (const v of [`""""""""`, `''''''''`, `"''"'"`, `he said "''" twice`]) expect(syntaxProbe(v), v).toBe(-1)
  })
})

describe('both quotes escaped side by side (the escaping probe)', () => {
  it('is a backslashed quote right after a backslashed quote of the other kind', () => {
    for (const v of [String.raw`\'\"`, String.raw`sfish\\'\\"`, String.raw`x\"\'`]) expect(escapedQuotes(v), v).toBeGreaterThanOrEqual(0)
  })

  it('is not code that escapes the quote its string needs', () => {
    for (const v of [String.raw`print('It\'s "ok"')`, String.raw`{\"a\":\"b\"}`, String.raw`C:\Users\x`, String.raw`don\'t`, String.raw`\'\'`]) expect(escapedQuotes(v), v).toBe(-1)
  })

  it('is reported as a syntax probe at level 2, not at level 1', () => {
    const v = String.raw`\'\"`
    const at = (level: 1 | 2): string[] => {
      const out: Finding[] = []
      detectSqli({ value: v, lower: v, kind: 'arg', level }, out)
      return out.map((f) => f.rule)
    }
    expect(at(2)).toEqual(['waf.sqli.syntax-probe'])
    expect(at(1)).toEqual([])
  })
})

describe('SQL a sort key or a stacked statement carries', () => {
  const found = (v: string): string[] => {
    const out: Finding[] = []
    detectSqli({ value: v, lower: v.toLowerCase(), kind: 'json', level: 2 }, out)
    return out.map((f) => f.rule)
  }

  it('reads SELECT CASE WHEN, IF over two constants and PostgreSQL COPY … TO PROGRAM as SQL', () => {
    expect(found('price ASC, (SELECT CASE WHEN (1=1) THEN 1 ELSE 1/0 END)')).toEqual(['waf.sqli.subquery'])
    expect(found('IF(1=1,price,name)')).toEqual(['waf.sqli.boolean'])
    expect(found("1; COPY (SELECT '') TO PROGRAM 'curl http://x.oast.fun'--")).toEqual(['waf.sqli.stacked-query'])
  })

  it('leaves their look-alikes in prose and formulas alone', () => {
    for (const v of ['Please copy (the invoice) to my accountant; copy to me too', '=IF(A1>5,"yes","no")', 'if(x==1, a, b)', 'select case when ordering a gift']) expect(found(v), v).toEqual([])
  })
})

describe('literals closed and cut or concatenated (fuzzdb\'s MSSQL and cross-platform probes)', () => {
  it('reads as SQL: a closing quote, `)` and `;` before a comment, a bare quote and an empty comment, a call or an open string joined by ||, EXEC of a variable, a batch after BEGIN', () => {
    for (const v of ["x')); --", "' #", "brien'; --", "'||sleep(5)", "'||(upper(user))", "'||'x", '1 EXEC(@cmd)', "'; BEGIN DECLARE @x INT SET @x=1 END--"]) expect(readAsSql(v, 2), v).not.toBeNull()
  })

  it('reads as no SQL where prose or code writes the same marks', () => {
    for (const v of ["'--force' is ignored", "'# of items' column", 'x || y', "rock'n'roll || jazz", "'a'||'b'", 'exec (@home) tonight', 'begin; declare victory', "it's fine; -- thanks"]) expect(readAsSql(v, 2), v).toBeNull()
  })
})

describe('objects of SQL Server system databases named as db..object', () => {
  it('reads as SQL: master.., msdb.. and tempdb.. with a name after the two dots', () => {
    for (const v of ['select * from master..sysservers', "x' union select name from msdb..backupset--", 'tempdb..sysobjects']) expect(mayFormSql(v.toLowerCase()), v).toBe(true)
    for (const v of ['select * from master..sysservers', "1;exec msdb..sp_start_job 'x'"]) expect(readAsSql(v, 2), v).not.toBeNull()
  })

  it('reads as no SQL in prose that trails off or a master\'s degree', () => {
    for (const v of ['Master... of puppets (vinyl)', "master.. it's fine", 'my master\'s degree; model.. kit']) expect(readAsSql(v, 2), v).toBeNull()
  })
})

describe("boolean probes with few tokens (dalfox's SQL list, nemesida's waf-bypass)", () => {
  it("reads as SQL: a value that opens with a quote and leaves a number open after OR, ''=0 cut by a comment, UNION + SELECT, and a stacked query inside a PHP array key", () => {
    for (const v of ["' OR '1", "'=0--+", "'=0-- ", 'name[0 ;select sleep(8);;# ]=user&pass=pass']) expect(readAsSql(v, 2), v).not.toBeNull()
  })

  it('reads as no SQL: a name before the quote, an operator quoted in prose, a flag called union+jack and array keys in a query string', () => {
    for (const v of ["Jane' or '90s hits", "'=' is the assignment operator -- see the docs", 'union+jack flag, select size', 'filter[color]=red&sort=price&page=2', "items[0] or items[1]"]) expect(readAsSql(v, 2), v).toBeNull()
  })
})

describe("a + beside a keyword is a blank left encoded (sqlmap's space2plus where + is no space: JSON, headers, paths)", () => {
  it('reads as SQL: AND, UNION SELECT and WAITFOR DELAY joined by +', () => {
    for (const v of ['17+AND+4016=CAST((CHR(113)||CHR(120)))', "' union+/*!select*/ (1),(2)", 'shoes";WAITFOR+DELAY+\'0:0:3\'--+-', "pending'+AND+5362=5362--"]) expect(readAsSql(v, 2), v).not.toBeNull()
  })

  it('reads as no SQL: sums, C++ and words joined by + as a search box sends them', () => {
    for (const v of ['C++ and Java for beginners', 'shoes+and+socks', '2+2 or 3+3 gifts', 'union+jack+select+size']) expect(readAsSql(v, 2), v).toBeNull()
  })
})

describe('a function called with a blank before its ( after AND/OR (SQLite, PostgreSQL, SQL Server)', () => {
  it('reads as SQL at level 2 when the call ends the query with a comment or a ;', () => {
    for (const v of ["admin@juice-sh.op'and unlikely (id)--", '1"and json_search (json_array(password),0b1100,"t___")#', "x' or likelihood /**/ (id, 0.5);"]) {
      expect(readAsSql(v, 2), v).not.toBeNull()
      expect(readAsSql(v, 1), v).toBeNull()
    }
  })

  it('reads as no SQL where prose puts a blank before a parenthesis and goes on or stops', () => {
    for (const v of ["x' or boots (size 10)", "x' or boots (size 10) and more", "Men's shoes or boots (size 10) -- great", "it's red or blue (navy) -- love it"]) expect(readAsSql(v, 2), v).toBeNull()
  })
})

describe("MySQL's ODBC escapes and version-gated comments", () => {
  const found = (v: string, level: 2 | 3 = 2): string[] => {
    const out: Finding[] = []
    detectSqli({ value: v, lower: v.toLowerCase(), kind: 'arg', level }, out)
    return out.map((f) => f.rule)
  }

  it('reads {identifier expr} as the expression it groups, so a condition inside counts', () => {
    expect(found('9999 or {if length((/*!5000select username/*!50000from*/user where id=1))>0}')).toEqual(['waf.sqli.boolean'])
    expect(found("1 or {fn length((select password from users))}>0")).toEqual(['waf.sqli.boolean'])
  })

  it('leaves braces that open no ODBC escape: JSON, GraphQL, Go templates, a } with no escape open', () => {
    for (const v of ['{"or": 1}', '{ product(id: 1) { name } } or more', '{{if .Sale}} or {{end}}', 'size {M} or {L}', 'or }']) expect(found(v), v).toEqual([])
  })

  it('counts a whole statement with code in a comment gated on a MySQL version at level 2, pasted SQL at level 3', () => {
    expect(found('SELECT /*!32302 1/0, */ 1 FROM tablename')).toEqual(['waf.sqli.raw-statement'])
    expect(found('SELECT 1/0, 1 FROM tablename', 3)).toEqual([])
    expect(found('select name from products where id = 3')).toEqual([])
    expect(found('/*!40101 SET NAMES utf8 */')).toEqual([])
  })
})

describe("a closed literal joined by operators to a string left open (MySQL's implicit conversion: PHPIDS's and libinjection's probes)", () => {
  it('reads as SQL at level 2: operators between the literals, an open string right after an operator, or a junk comment after a comparison', () => {
    for (const v of ["A' = 'B", "aa'|+'1", "X' = 'X' = 0 = '1", "1' OR '1' XOR '0", "'=+'", "' = '", "abc' = !!'0", "-1'=-'+1", "aa' LIKE 0 -- -a", "aa'=('aa')#(", "aa'RLIKE BINARY 0#(", '1"OR!"a', "aa' XOR- column != -'0", "2' between 1 and 3 or 0x61 like 'a"]) {
      const r = readAsSql(v, 2)
      expect(r?.hit.rule, v).toBe('waf.sqli.operator-chain')
      expect(r?.hit.level, v).toBe(2)
    }
  })

  it('reads as no SQL: an operator quoted in prose, heights in feet, a lone quoted operator, AND/OR alone, a + that is a blank before OR', () => {
    for (const v of ["Press the '=' key twice", "A '=' B", "She is 5'-6' tall", "Size 5' - 6 -- ok", "'-'", "Levi's & Lee's jeans", "rock 'n' roll - 'best of", "Jane' or '90s", "a' = 'b is how you compare -- in a note"]) {
      expect(readAsSql(v, 2)?.hit.rule, v).not.toBe('waf.sqli.operator-chain')
    }
    // The value's + are a form's blanks: its reading is the OR clause, not a chain of + operators.
    expect(readAsSql("shoes'+OR+'1'='1'+--+", 2)?.hit.rule).not.toBe('waf.sqli.operator-chain')
  })

  it('passes the pre-screen wherever the chain can start: an operator right after the quote the lexer closes on', () => {
    for (const v of ["A' = 'B", 'x"""> "y', "aa' like '1", "a' collate nocase = 'b"]) expect(mayFormSql(v.toLowerCase()), v).toBe(true)
    for (const v of ["O'Reilly's books", 'a "quoted" word']) expect(mayFormSql(v.toLowerCase()), v).toBe(false)
  })
})

describe('a T-SQL statement stacked under IF or WHILE and a comparison of two constants', () => {
  it('reads as a stacked query', () => {
    for (const v of ["';if 1=1 drop database test-- -a", "1'; IF 2>1 DROP TABLE orders--", "'; while 1=1 shutdown-- -a"]) expect(readAsSql(v, 2)?.hit.rule, v).toBe('waf.sqli.stacked-query')
  })
  it('reads as no SQL where a sentence says if', () => {
    for (const v of ['x; if 1=1 then fine', 'Note: if 2>1 select the larger', 'a; if 1=1 select size from menu']) expect(readAsSql(v, 2), v).toBeNull()
  })
})
