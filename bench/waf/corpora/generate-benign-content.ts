/**
 * A sixth benign corpus: what shoppers, students, sellers and marketers write into shops,
 * which benign-shop, -platforms, -browser, -legacy and -modern do not model.
 * Technical user content on shops selling software, electronics, courses and books: reviews,
 * product Q&A, forum posts, support tickets (with log and config attachments), quiz answers and
 * code-runner submissions holding pasted SQL, shell and PowerShell one-liners, cmd, HTML/JS/CSS,
 * regexes, stack traces with Unix and Windows paths, nginx/YAML/.htaccess/.env/crontab config,
 * access and application log lines, Arduino code and AT commands; book titles and searches that
 * read like code; maths, LaTeX, chemistry (equations, SMILES) and spreadsheet formulas.
 * Marketing traffic: landing URLs with the unexpanded macros of Google, Microsoft, Meta, TikTok,
 * Snapchat, Pinterest, Taboola, Outbrain, DV360/CM360, The Trade Desk, Criteo and Amazon DSP;
 * e-mail platform merge tags (AMPscript, Marketo, HubSpot, Braze, Klaviyo); affiliate and
 * redirect chains with URLs nested and encoded two or three times, Magento `uenc`, deep links
 * (Branch `$deeplink_path`, AppsFlyer, Firebase, Android `intent://`), AMP, GTM preview and
 * CMS/AB-testing preview parameters. International shops: reviews, names and addresses in CJK,
 * Cyrillic, Arabic and Hebrew (RLM/LRM and embeddings), Thai, Devanagari, Greek and Turkish
 * casing, emoji ZWJ sequences, kaomoji, full-width input (＜＞＇＂；), compatibility and
 * mathematical letters, decomposed accents; searches and forms percent-encoded in Shift_JIS,
 * EUC-JP, EUC-KR, GBK and Big5 (whose trail bytes include `\`, `|`, `[`, `` ` ``, `{`);
 * punycode hosts. Search syntaxes of commerce platforms: Solr/Lucene (`fq`, local params,
 * ranges, `*:*`), Endeca, SAP Commerce, Bloomreach, Klevu, Constructor, FACT-Finder,
 * Searchspring, Salesforce `prefn/prefv/pmin`, WooCommerce/Magento/Shopify sort and filter
 * parameters. Marketplace seller listings (HTML descriptions), WordPress shortcodes and BBCode,
 * personalisation templates (Liquid, Handlebars, Mustache), engravings and gift messages with
 * emoticons and ASCII art. Framework forms and cookies (Rails signed cookies `…--digest`,
 * nested Rails params, Laravel, Django, ASP.NET Core antiforgery), `Forwarded` headers and
 * in-app browser user agents.
 * Written from the public formats before the engine was run on it; nothing here was chosen
 * or dropped by the verdict it gets. Attack-free: everything is what a person would write
 * into a shop, including people who write about SQL and shells.
 * Run: npx tsx bench/waf/corpora/generate-benign-content.ts  (writes benign-content.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import { b64url, browserUserAgents, fixtureUserAgents, form, seededText } from './seeded-text.ts'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'

const SEED = 20261201
const COUNT = 2400
const { rand, pick, int, hex, alnum, uuid, drawWeighted } = seededText(SEED)
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64')
const enc = encodeURIComponent
const now = (): number => 1735000000 + int(0, 20000000)

const UAS = browserUserAgents()
/** Facebook, Instagram, LINE and other in-app browsers: their user agents hold `[FBAN/…;…]`, `;` and `{…}`. */
const IN_APP_UAS = fixtureUserAgents().filter((ua) => /FBAN|FBAV|Instagram|Line\/|KAKAOTALK|MicroMessenger|Snapchat|Pinterest/.test(ua))
const HOST = 'shop.example'
const ORIGIN = `https://${HOST}`

// --- What people write ----------------------------------------------------------------------

const SQL_SNIPPETS = [
  "SELECT c.name, COUNT(o.id) AS orders FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE c.country = 'DE' GROUP BY c.name HAVING COUNT(o.id) > 3 ORDER BY orders DESC;",
  "UPDATE products SET stock = stock - 1 WHERE sku = 'AB-123' AND stock > 0;",
  'INSERT INTO wishlist (user_id, product_id) VALUES (42, 1337);',
  'DELETE FROM cart_items WHERE updated_at < NOW() - INTERVAL 30 DAY;',
  'CREATE INDEX idx_orders_created ON orders (created_at);',
  "SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop';",
  'SELECT TOP 10 * FROM Orders ORDER BY OrderDate DESC',
  'WITH ranked AS (SELECT id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC) rn FROM events) SELECT * FROM ranked WHERE rn = 1;',
  "SELECT name FROM users WHERE email LIKE '%@gmail.com' OR email LIKE '%@yahoo.com';",
  'DROP TABLE IF EXISTS staging_orders;',
  "EXEC sp_help 'dbo.Orders';",
  'SELECT a.title, b.title FROM books a JOIN books b ON a.author_id = b.author_id AND a.id < b.id;',
  "ALTER TABLE customers ADD COLUMN loyalty_tier VARCHAR(16) DEFAULT 'bronze';",
  'SELECT DATE_TRUNC(\'month\', created_at) AS m, SUM(total)::numeric(10,2) FROM orders GROUP BY 1 ORDER BY 1;',
]
const SHELL_SNIPPETS = [
  "find /var/log -name '*.gz' -mtime +30 -delete",
  'sudo systemctl restart nginx && sudo journalctl -u nginx -n 50 --no-pager',
  "tail -f /var/log/nginx/error.log | grep -i 'upstream timed out'",
  'cat /etc/os-release',
  'ls -la ~/.ssh && chmod 600 ~/.ssh/id_ed25519',
  'curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -',
  'docker run -d -p 8080:80 -v $(pwd)/html:/usr/share/nginx/html nginx:alpine',
  'for f in *.jpg; do convert "$f" -resize 50% "small_$f"; done',
  "ps aux | grep [n]ode | awk '{print $2}' | xargs kill",
  'echo $PATH; which python3',
  "ssh -i key.pem ubuntu@203.0.113.10 'df -h /'",
  'git clone git@github.com:acme/shop-theme.git && cd shop-theme && npm ci',
  'tar -xzf backup-2025-03-01.tar.gz -C /opt/shop --strip-components=1',
  'echo 1 > /sys/class/gpio/gpio17/value',
  'dmesg | grep ttyUSB && sudo usermod -aG dialout $USER',
  'i2cdetect -y 1',
  'ping -c 4 8.8.8.8; nslookup shop.example',
]
const WINDOWS_SNIPPETS = [
  'Get-ChildItem -Path C:\\Users\\Public\\Documents -Recurse -Filter *.log | Remove-Item -WhatIf',
  'Set-ExecutionPolicy -ExecutionPolicy RemoteSigned -Scope CurrentUser',
  'Get-Process | Where-Object { $_.CPU -gt 100 } | Sort-Object CPU -Descending | Select-Object -First 5',
  'Invoke-WebRequest -Uri https://downloads.example.com/setup.exe -OutFile $env:TEMP\\setup.exe',
  'ipconfig /flushdns & netsh winsock reset',
  'dir C:\\Windows\\System32\\drivers\\etc',
  'type C:\\Windows\\System32\\drivers\\etc\\hosts',
  'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion" /v ProgramFilesDir',
  'sfc /scannow && DISM /Online /Cleanup-Image /RestoreHealth',
  'C:\\Program Files (x86)\\Acme\\Studio\\studio.exe --safe-mode',
]
const WEB_SNIPPETS = [
  '<div class="card"><img src="/img/p.png" alt="Product"><h3>Title</h3></div>',
  '<button onclick="addToCart(42)">Add to cart</button>',
  "document.querySelector('#qty').addEventListener('change', e => update(e.target.value));",
  '<script src="https://cdn.jsdelivr.net/npm/swiper@11/swiper-bundle.min.js"></script>',
  "fetch('/cart/add.js', { method: 'POST', body: new FormData(form) }).then(r => r.json())",
  "window.location.href = '/checkout?step=' + step;",
  'console.log(JSON.stringify(window.dataLayer, null, 2))',
  'const re = /^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$/;',
  '@media (max-width: 768px) { .grid { grid-template-columns: 1fr; } }',
  '<?php echo htmlspecialchars($_GET[\'q\'], ENT_QUOTES); ?>',
  '{% for item in cart.items %}{{ item.title }}{% endfor %}',
  '<input type="email" name="email" required pattern="[^@]+@[^@]+">',
]
const REGEXES = ['^(?:\\+?44|0)7\\d{9}$', '(\\d{1,3}\\.){3}\\d{1,3}', '[^a-zA-Z0-9_-]', 's/foo/bar/g', '^/products/(.*)$', '(?i)\\bfree\\s+ship(ping)?\\b', '\\$\\{([A-Z_]+)\\}']
const STACK_TRACES = [
  'Traceback (most recent call last):\n  File "/usr/lib/python3.11/site-packages/django/core/handlers/exception.py", line 55, in inner\n    response = get_response(request)\nKeyError: \'HTTP_X_FORWARDED_FOR\'',
  'java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null\n\tat com.acme.shop.CartService.add(CartService.java:88)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)',
  "Error: ENOENT: no such file or directory, open '/etc/nginx/sites-enabled/shop.conf'\n    at Object.openSync (node:fs:573:18)\n    at Module._load (node:internal/modules/cjs/loader:1023:12)",
  'PHP Fatal error:  Uncaught Error: Call to undefined function mysql_connect() in /var/www/html/includes/db.php:12',
  "System.IO.FileNotFoundException: Could not find file 'C:\\Windows\\Temp\\export.csv'.\r\n   at System.IO.FileStream.ValidateFileHandle(SafeFileHandle fileHandle)",
  'Faulting application name: Setup.exe, Faulting module path: C:\\Windows\\System32\\ntdll.dll, Exception code: 0xc0000005',
  'nginx: [emerg] unknown directive "proxy_pas" in /etc/nginx/conf.d/default.conf:14',
  'git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.',
  'Segmentation fault (core dumped) ./firmware-flash /dev/ttyACM0',
  'Uncaught TypeError: Cannot read properties of undefined (reading \'price\')\n    at renderCart (theme.js?v=1712345:1:2048)',
]
const CONFIGS = [
  'server {\n  listen 443 ssl;\n  server_name shop.example;\n  location /api/ { proxy_pass http://127.0.0.1:3000; proxy_set_header Host $host; }\n}',
  "version: '3.8'\nservices:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n    volumes:\n      - ./data:/var/lib/postgresql/data",
  'RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteRule ^(.*)$ index.php?q=$1 [L,QSA]',
  '{"scripts": {"build": "vite build", "dev": "vite --host 0.0.0.0"}, "engines": {"node": ">=18"}}',
  '<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n  <system.webServer>\n    <rewrite><rules><rule name="SPA"><match url=".*" /></rule></rules></rewrite>\n  </system.webServer>\n</configuration>',
  'upload_max_filesize = 64M\npost_max_size = 64M\nmemory_limit = 512M\ndisable_functions = exec,passthru,shell_exec,system',
  '*/5 * * * * /usr/bin/php /var/www/html/cron.php > /dev/null 2>&1',
  'APP_URL=https://shop.example\nDB_HOST=127.0.0.1\nMAIL_FROM_ADDRESS="shop@example.com"',
  '[Unit]\nDescription=Shop worker\n[Service]\nExecStart=/usr/bin/node /srv/shop/worker.js\nRestart=always',
]
const LOG_LINES = [
  '203.0.113.7 - - [12/Mar/2025:10:14:07 +0000] "GET /products/blue-mug?variant=2 HTTP/2.0" 404 153 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"',
  '2025-03-12 10:14:07.123 ERROR 4121 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() threw exception',
  'Mar 12 10:14:07 web01 kernel: [12345.678] Out of memory: Killed process 2211 (node)',
  'level=error ts=2025-03-12T10:14:07Z caller=main.go:42 msg="dial tcp 10.0.0.5:5432: connect: connection refused"',
  '[2025-03-12 10:14:07] production.ERROR: SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry \'a@b.co\' for key \'users_email_unique\'',
]
const ARDUINO = [
  'void setup() { Serial.begin(9600); pinMode(13, OUTPUT); }\nvoid loop() { digitalWrite(13, HIGH); delay(500); digitalWrite(13, LOW); delay(500); }',
  'AT+CWJAP="HomeWifi","p@ss;word!"\r\nAT+CIPSTART="TCP","192.168.1.20",80',
  '#include <Wire.h>\n#define ADDR 0x3C\nif (x < 5 && y > 3) { display.println("ok"); }',
  'Pinout: VCC -> 3.3V, GND -> GND, TX -> RX (GPIO3), RX -> TX (GPIO1); 5V/2A max!',
]
const BOOK_TITLES = [
  'SELECT * FROM Customers: A Practical SQL Primer', 'The Linux Command Line, 2nd Edition', 'HTML & CSS: Design and Build Websites', 'JavaScript: The Good Parts',
  'Learning SQL: Generate, Manipulate, and Retrieve Data', 'Head First HTML and CSS', "Don't Make Me Think, Revisited", 'C# 12 and .NET 8 – Modern Cross-Platform Development',
  'Bash Cookbook: cat, grep & awk', 'PowerShell in a Month of Lunches', "Alice's Adventures in Wonderland", 'Eats, Shoots & Leaves', "Who's Afraid of Virginia Woolf?",
  'Catch-22', "The Hitchhiker's Guide to the Galaxy", 'DROP DATABASE: Tales from the Ops Trenches', 'rm -rf / and Other Ways to Ruin Your Week', '<head> First: Semantic HTML',
  'The C Programming Language (K&R)', 'Sed & Awk, 2nd Edition', 'UNIX and Linux System Administration Handbook', 'SQL Antipatterns: Avoiding the Pitfalls', '1984', 'If/Then: Imagining the Future',
  'Cracking the Coding Interview: 189 Programming Questions', 'Python Crash Course, 3rd Edition', 'Regular Expressions Cookbook', "O'Reilly: Learning Perl",
]
const MATHS = [
  'x < 5 && y > 3', 'a || b', 'f(x) = 1/x', '|x - 2| < 0.5', 'if x > 0 then y = sqrt(x)', '2^10 = 1024', 'a² + b² = c²', 'lim(x->0) sin(x)/x = 1', '(a+b)(a-b) = a^2 - b^2',
  'P(A ∪ B) = P(A) + P(B) - P(A ∩ B)', '1 <= n <= 10^5', 'n mod 2 == 0', '!(a && b) == !a || !b', '$\\frac{d}{dx} e^x = e^x$', 'y = mx + c', '5 > 3 > 2?', 'x = (-b ± √(b²-4ac)) / 2a',
  '$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$', '3 < x < 7 or x = 10', 'for i in range(10): print(i*i)', 'A ∧ ¬B → C', '0.1 + 0.2 != 0.3', '∫₀¹ x² dx = 1/3', 'a -- b = a + b',
]
const CHEMISTRY = [
  'H2SO4 + 2NaOH → Na2SO4 + 2H2O', '2H2 + O2 -> 2H2O', 'CH3CH2OH', 'CC(=O)Oc1ccccc1C(=O)O', '[Fe(CN)6]3-', 'NaCl(aq) + AgNO3(aq) -> AgCl(s)↓ + NaNO3(aq)', 'pH = -log[H+]',
  'C6H12O6 + 6O2 → 6CO2 + 6H2O', 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C', "Ca(OH)2 + CO2 -> CaCO3 + H2O", '[Cu(NH3)4]2+ (deep blue)',
]
const FORMULAS = ['=IF(A2>100,"Free shipping","")', '=VLOOKUP(B2;Tabelle2!A:C;3;FALSCH)', '=SUMIFS(C:C,A:A,"<>"&"")', '=INDEX(A:A,MATCH(MAX(B:B),B:B,0))', '=HYPERLINK("https://shop.example/p/"&A2,"view")', '=TEXT(TODAY(),"yyyy-mm-dd")', "=COUNTIF('Q1 Sales'!D:D,\">=50\")"]

const ENGLISH_WRAP = [
  (s: string) => `Works great. For anyone wondering, I used this:\n\n${s}\n\nand it was fine.`,
  (s: string) => `Chapter 4 covers things like \`${s}\` really well. 5 stars!`,
  (s: string) => `Q: The instructions say to run ${s} - is that right for v2?`,
  (s: string) => `Here's what I get:\n\`\`\`\n${s}\n\`\`\`\nAny idea? Thanks in advance!`,
  (s: string) => `${s}`,
  (s: string) => `Tried ${s} as the manual says -- no luck. Returned it.`,
  (s: string) => `Exercise 3.2 answer: ${s}`,
]
const techText = (): string => pick(ENGLISH_WRAP)(pick(pick([SQL_SNIPPETS, SHELL_SNIPPETS, WINDOWS_SNIPPETS, WEB_SNIPPETS, REGEXES, STACK_TRACES, CONFIGS, LOG_LINES, ARDUINO, MATHS, CHEMISTRY, FORMULAS])))

const EMOTICON_TEXTS = [
  'Happy b-day!!! <3 <3 <3', 'To Mom <3 from all of us ;)', 'Love you -> forever <-', 'Sorry I forgot >_< xoxo', 'You got this :-) :-P', 'miss u </3 come home soon',
  '¯\\_(ツ)_/¯ happy 40th anyway', '(╯°□°)╯︵ ┻━┻ Mondays!', '\\o/ congrats on the new job \\o/', '@}-;-\'--- a rose for you', '--{-@ always yours', '<º))))>< gone fishing',
  '=^.^= meow', 'Best dad ever ^_^', '<<Happy 30th>>', '==[ TEAM ROCKET ]==', ':\'( we\'ll miss you', 'I <3 NY', 'A + B = <3', '>>--> to the moon', 'u r the best;-)',
  '  /\\_/\\\n ( o.o )\n  > ^ <', '*~*~* Merry Xmas *~*~*', '#1 Grandma', 'Est. 2019 | J & M', 'xx -- from the 3rd floor crew', '"Always" -- Snape', '1 + 1 = 3 :) congrats!',
]
const KAOMOJI = ['(＾▽＾)', '(´・ω・｀)', 'm(_ _)m', 'orz', '(*´∀｀*)', '＼(^o^)／', '（；´Д｀）', '(≧∇≦)/', '(｀・ω・´)ゞ', 'ʕ•ᴥ•ʔ']

// --- International text ---------------------------------------------------------------------

const INTL_REVIEWS = [
  '質問：このケーブルは ｉＰｈｏｎｅ　１５ に対応していますか？＜至急＞', '「最高！」＜星５つ＞　また買います；）', '東京都港区六本木６－１０－１　森タワー＃３０１', 'ｔａｒｏ．ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ',
  '商品名：＂ワンピース＂　サイズ：Ｍ　色：＇ネイビー＇', '这个充电器支持 100W 快充吗？谢谢！', '質量很好，物流也快 👍 五星好評', '배송이 빨라요! 재구매 의사 있어요 ^^', '서울특별시 강남구 테헤란로 152 (역삼동) 101동 202호',
  'Отличный товар, но коробка помята :( 4/5', 'г. Москва, ул. Тверская, д. 7, кв. 12 — домофон «12К»', '\u200Fممتاز جداً، أنصح به \u200E(5/5)\u200E', '\u202Bהמוצר הגיע שבור, אפשר החלפה?\u202C',
  'สินค้าดีมาก ส่งไว ขอบคุณค่ะ 🙏', 'बहुत अच्छा उत्पाद है, धन्यवाद! ⭐⭐⭐⭐', 'ΠΟΛΎ ΚΑΛΌ ΠΡΟΪΌΝ — σας ευχαριστώ', 'Ο Σίσυφος έστειλε 2 τεμάχια; ήρθε 1.', 'IĞDIR\'a kargo var mı? İADE süreci nasıl işliyor?',
  'Điện thoại dùng rất tốt, giao hàng nhanh', 'Zażółć gęślą jaźń — świetny produkt', 'Ünïcödé ñame with cafe\u0301 and nai\u0308ve (decomposed)', '𝐁𝐞𝐬𝐭 𝐬𝐞𝐥𝐥𝐞𝐫 🔥 𝓵𝓸𝓿𝓮 𝓲𝓽', 'Size ½ → ¾; weight 2㎏; №5; ①②③; 25℃; Ⅻ',
  'ﬁne ﬂoor lamp, oﬀ-white', 'Family 👨‍👩‍👧‍👦 loved it 👩🏽‍💻🏳️‍🌈 1️⃣ #️⃣', 'Cafe\u00A0au\u00A0lait\u200B mug \u00ADsoft-hyphen', 'Ｗｉ－Ｆｉ　６Ｅ　ルーター　＜ＡＸ５４００＞',
]
const INTL_NAMES = ['山田 太郎', 'ヤマダ タロウ', '김민준', '王小明', 'Иван Петров', 'محمد بن سلمان', 'דוד כהן', 'สมชาย ใจดี', 'राहुल शर्मा', 'Ελένη Παπαδοπούλου', 'İSMAİL ŞAHİN', 'Nguyễn Thị Hoa']
/** What each legacy charset is used for: a search and a form field a shopper types. */
const LEGACY_CJK: Record<string, string[]> = {
  shift_jis: ['ソフト', '表示', '能力', 'ポイント', '予約', '申込', '東京都 表参道', 'ソニー テレビ', 'ポケモン カード', '十', '構造', '暴表', '＜公式＞ソックス'],
  'euc-jp': ['ソフト', '楽天 ポイント', '表示価格', '東京', '北海道 カニ'],
  'euc-kr': ['가방', '노트북 거치대', '한국어', '서울 강남구', '운동화 정품'],
  gbk: ['你好', '手机壳', '笔记本电脑', '北京市 朝阳区', '连衣裙 夏', '功能'],
  big5: ['許功蓋', '筆記型電腦', '台北市 信義區', '手機殼', '成功', '餐廳'],
}
const reverseMaps = new Map<string, Map<string, number[]>>()
/** Bytes a page served in `charset` submits for `s` (browsers encode forms in the page's charset; what it lacks becomes `&#N;`). */
function legacyBytes(s: string, charset: string): number[] {
  let map = reverseMaps.get(charset)
  if (!map) {
    map = new Map()
    const dec = new TextDecoder(charset, { fatal: true })
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        try {
          const ch = dec.decode(new Uint8Array([lead, trail]))
          if ([...ch].length === 1 && !map.has(ch)) map.set(ch, [lead, trail])
        } catch {
          // not a character of this charset
        }
      }
      if (charset === 'shift_jis' || charset === 'euc-jp') {
        try {
          const ch = new TextDecoder(charset, { fatal: true }).decode(new Uint8Array([lead]))
          if ([...ch].length === 1 && !map.has(ch)) map.set(ch, [lead])
        } catch {
          // a lead byte, not a single-byte character
        }
      }
    }
    reverseMaps.set(charset, map)
  }
  const out: number[] = []
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0))
    else if (map.has(ch)) out.push(...map.get(ch)!)
    else for (const c of `&#${ch.codePointAt(0)};`) out.push(c.charCodeAt(0))
  }
  return out
}
/** HTML's form encoding of bytes: alphanumerics and `*-._` raw, space `+`, the rest `%XX`. */
const formBytes = (bytes: number[]): string =>
  bytes.map((b) => (b === 0x20 ? '+' : /[A-Za-z0-9*\-._]/.test(String.fromCharCode(b)) && b < 0x80 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('')
const PUNYCODE_HOSTS = ['xn--mnchen-3ya.de', 'xn--80ak6aa92e.com', 'xn--bcher-kva.example', 'xn--wgv71a119e.jp', 'xn--9n2bp8q.kr', 'xn--fiqs8s.cn', 'xn--e1afmkfd.xn--p1ai', 'xn--caf-dma.fr']

// --- Browser headers ------------------------------------------------------------------------

type Dest = 'doc' | 'xhr' | 'form' | 'beacon'
function cookieJar(): string {
  const t = now()
  const jar = [`_ga=GA1.1.${int(1e8, 2e9)}.${t}`]
  const maybe = (p: number, c: () => string): void => {
    if (rand() < p) jar.push(c())
  }
  // Rails signs cookies as base64 + `--` + hex digest; Laravel's are base64 JSON; ASP.NET Core's antiforgery starts CfDJ8.
  maybe(0.25, () => `_shop_session=${enc(b64(JSON.stringify({ session_id: hex(32), _csrf_token: alnum(43) })))}--${hex(40)}`)
  maybe(0.1, () => `remember_user_token=${enc(b64(JSON.stringify([[int(1, 99999)], `$2a$12$${alnum(22)}`, `${t}.${int(100000, 999999)}`])))}--${hex(40)}`)
  maybe(0.15, () => `XSRF-TOKEN=${enc(b64(JSON.stringify({ iv: b64(alnum(16)), value: b64(alnum(48)), mac: hex(64), tag: '' })))}`)
  maybe(0.1, () => `csrftoken=${alnum(32)}; sessionid=${alnum(32).toLowerCase()}`)
  maybe(0.1, () => `.AspNetCore.Antiforgery.${alnum(11)}=CfDJ8${alnum(150)}`)
  maybe(0.15, () => `__hstc=${int(1e8, 9e8)}.${hex(32)}.${t}123.${t}456.${t}789.${int(1, 9)}; hubspotutk=${hex(32)}; __hssrc=1`)
  maybe(0.1, () => `_mkto_trk=id:${int(100, 999)}-${alnum(3).toUpperCase()}-${int(100, 999)}&token:_mch-shop.example-${t}123-${int(10000, 99999)}`)
  maybe(0.15, () => `_gcl_aw=GCL.${t}.${alnum(60)}; _gcl_au=1.1.${int(1e8, 2e9)}.${t}`)
  maybe(0.1, () => `lang=${pick(['ja', 'ko', 'zh-TW', 'ar', 'he', 'th', 'hi'])}; currency=${pick(['JPY', 'KRW', 'TWD', 'SAR', 'ILS'])}`)
  maybe(0.1, () => `recent_searches=${enc(JSON.stringify([pick(BOOK_TITLES), pick(MATHS)]))}`)
  return jar.join('; ')
}
function headers(dest: Dest, referer: string = `${ORIGIN}/`): Record<string, string> {
  const h: Record<string, string> = {
    host: HOST,
    'user-agent': rand() < 0.08 && IN_APP_UAS.length > 0 ? pick(IN_APP_UAS) : pick(UAS),
    accept: dest === 'doc' || dest === 'form' ? 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8' : pick(['application/json', '*/*', 'application/json, text/javascript, */*; q=0.01']),
    'accept-language': pick(['en-US,en;q=0.9', 'ja,en-US;q=0.9,en;q=0.8', 'ko-KR,ko;q=0.9', 'zh-CN,zh;q=0.9', 'zh-TW,zh;q=0.9,en;q=0.6', 'ar-SA,ar;q=0.9,en;q=0.8', 'he-IL,he;q=0.9', 'th-TH,th;q=0.9', 'hi-IN,hi;q=0.9,en;q=0.8', 'el-GR,el;q=0.9', 'tr-TR,tr;q=0.9', 'ru-RU,ru;q=0.9,en;q=0.5', 'de-DE,de;q=0.9']),
    'accept-encoding': 'gzip, deflate, br, zstd',
    'sec-fetch-site': dest === 'doc' ? pick(['none', 'cross-site', 'same-origin']) : 'same-origin',
    'sec-fetch-mode': dest === 'doc' || dest === 'form' ? 'navigate' : dest === 'beacon' ? 'no-cors' : 'cors',
    'sec-fetch-dest': dest === 'doc' || dest === 'form' ? 'document' : 'empty',
    referer,
  }
  if (dest === 'doc' || dest === 'form') h['upgrade-insecure-requests'] = '1'
  if (rand() < 0.9) h.cookie = cookieJar()
  if (rand() < 0.05) h.forwarded = pick([`for="[2001:db8:cafe::${hex(2)}]:${int(1024, 65535)}";proto=https;by=203.0.113.43`, `for=198.51.100.${int(1, 254)};host=${HOST};proto=https`])
  if (rand() < 0.05) h['x-forwarded-for'] = `198.51.100.${int(1, 254)}, 10.0.${int(0, 9)}.${int(1, 254)}`
  if (rand() < 0.1) h['if-none-match'] = `W/"${hex(8)}-${hex(16)}"`
  return h
}
const formH = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN })
const jsonH = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/json', origin: ORIGIN })
function multipart(h: Record<string, string>, fields: Array<[string, string]>, files: Array<[string, string, string, string]>): WafRequest & { headers: Record<string, string> } {
  const boundary = `----WebKitFormBoundary${alnum(16)}`
  let body = ''
  for (const [k, v] of fields) body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
  for (const [k, name, type, content] of files) body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`
  body += `--${boundary}--\r\n`
  return { method: 'POST', uri: '', headers: { ...h, 'content-type': `multipart/form-data; boundary=${boundary}`, origin: ORIGIN }, body }
}

// --- Request shapes -------------------------------------------------------------------------

type Req = WafRequest & { id: string; kind: string }
const out: Req[] = []
const add = (kind: string, r: WafRequest): void => {
  out.push({ id: `content-${String(out.length).padStart(4, '0')}`, kind, ...r })
}
const slug = (): string => pick(['arduino-uno-r4-wifi', 'raspberry-pi-5-8gb', 'sql-for-data-analysis-course', 'linux-admin-bootcamp', 'usb-c-hub-7-in-1', 'learning-sql-3rd-edition', 'mechanical-keyboard-tkl', 'esp32-devkit-v1', 'windows-11-pro-key', 'photo-editor-pro-2025'])
const productRef = (): string => `${ORIGIN}/products/${slug()}`
const name = (): string => pick(['Jane Doe', "Liam O'Connor", 'Priya Natarajan', 'Chen Wei', 'Olu Adeyemi', 'Marta Kowalska', ...INTL_NAMES])
const email = (): string => pick(['jane.doe@example.com', "liam.o'connor@example.ie", 'priya+books@example.in', 'dev_ops-42@example.org', 'chen.wei@example.cn'])

const MACROS = {
  google: [['utm_source', 'google'], ['utm_medium', 'cpc'], ['utm_campaign', '{campaignid}'], ['utm_content', '{creative}'], ['utm_term', '{keyword}'], ['matchtype', '{matchtype}'], ['device', '{device}{ifmobile:-m}'], ['network', '{network}'], ['placement', '{placement}'], ['adpos', '{adposition}'], ['loc', '{loc_physical_ms}'], ['target', '{targetid}'], ['feeditem', '{feeditemid}'], ['_adgroup', '{_adgroup}'], ['gclid', '{gclid}']],
  microsoft: [['utm_source', 'bing'], ['utm_medium', 'cpc'], ['utm_campaign', '{Campaign}'], ['utm_term', '{QueryString}'], ['adgroup', '{AdGroupId}'], ['oi', '{OrderItemId}'], ['msclkid', '{msclkid}'], ['d', '{Device}'], ['ifm', '{IfMobile:mobile}']],
  meta: [['utm_source', '{{site_source_name}}'], ['utm_medium', 'paid_social'], ['utm_campaign', '{{campaign.name}}'], ['utm_content', '{{ad.name}}'], ['utm_term', '{{adset.name}}'], ['fb_ad_id', '{{ad.id}}'], ['placement', '{{placement}}']],
  tiktok: [['utm_source', 'tiktok'], ['utm_campaign', '__CAMPAIGN_NAME__'], ['cid', '__CID__'], ['aid', '__AID__'], ['callback', '__CALLBACK_PARAM__'], ['os', '__OS__']],
  snapchat: [['utm_source', 'snapchat'], ['utm_campaign', '{{campaign.name}}'], ['adset', '{{adSet.id}}'], ['ad', '{{ad.id}}'], ['creative', '{{creative.headline}}']],
  pinterest: [['utm_source', 'pinterest'], ['utm_campaign', '{campaign_name}'], ['pin_id', '{adid}'], ['pp', '{product_partition_id}'], ['epik', '{epik}']],
  taboola: [['utm_source', 'taboola'], ['utm_medium', 'referral'], ['utm_content', '{title}'], ['utm_term', '{site}'], ['thumb', '{thumbnail}'], ['tblci', '{click_id}'], ['camp', '{campaign_name}']],
  outbrain: [['utm_source', 'outbrain'], ['utm_campaign', '{{campaign_name}}'], ['sec', '$section_name$'], ['pub', '$publisher_name$'], ['obOrigUrl', 'true'], ['dicbo', '{{ob_click_id}}']],
  dv360: [['dclid', '%edclid!'], ['cb', '%%CACHEBUSTER%%'], ['click', '%%CLICK_URL_ESC%%'], ['gdpr', '${GDPR}'], ['gdpr_consent', '${GDPR_CONSENT_755}'], ['pid', '%epid!'], ['eaid', '%eaid!']],
  ttd: [['utm_source', 'thetradedesk'], ['ttdcamp', '%%TTD_CAMPAIGNID%%'], ['ttdcr', '%%TTD_CREATIVEID%%'], ['site', '%%TTD_SITE%%'], ['cb', '%%TTD_CACHEBUSTER%%']],
  criteo: [['utm_source', 'criteo'], ['clickid', '${CLICK_ID}'], ['cto_pld', '${CTO_PLD}'], ['ts', '[timestamp]']],
  amazon: [['utm_source', 'amazon_dsp'], ['cb', '[CACHEBUSTER]'], ['ts', '[timestamp]'], ['line', '{{LINE_ITEM_ID}}'], ['aax', '__AAX_CLICK__']],
} as const
const MERGE_TAGS = [
  ['mc', [['utm_source', 'newsletter'], ['utm_campaign', '*|CAMPAIGN_UID|*'], ['mc_eid', '*|UNIQID|*'], ['fname', '*|FNAME|*']]],
  ['sfmc', [['utm_source', 'sfmc'], ['email', '%%emailaddr%%'], ['sub', '%%=v(@subscriberKey)=%%'], ['j', '%%jobid%%'], ['l', '%%=RedirectTo(@link)=%%']]],
  ['marketo', [['utm_source', 'marketo'], ['email', '{{lead.Email Address}}'], ['utm_campaign', '{{my.utm_campaign}}'], ['mkt_tok', alnum(80)]]],
  ['hubspot', [['utm_source', 'hs_email'], ['name', '{{ contact.firstname }}'], ['_hsenc', `p2ANqtz-${alnum(60)}`], ['_hsmi', String(int(1e8, 9e8))]]],
  ['braze', [['utm_source', 'braze'], ['uid', '{{${user_id}}}'], ['tier', '{{custom_attribute.${loyalty_tier}}}'], ['cmp', '{{campaign.${name}}}']]],
  ['klaviyo', [['utm_source', 'klaviyo'], ['email', '{{ person.email|urlencode }}'], ['_kx', `${alnum(20)}.${alnum(6)}`], ['item', '{{ event.extra.line_items.0.product.title }}']]],
] as const

const SEARCH_PLATFORMS: Array<() => [string, Array<[string, string]>]> = [
  () => ['/solr/products/select', [['q', pick(['*:*', 'title:(red AND dress) -category:kids', 'name:iphone~2', '"usb c" AND price:[10 TO 50]', 'brand:("Levi\'s" OR "Lee")', 'text:mug*'])], ['fq', pick(['brand:("Levi\'s" OR "Lee")', '{!tag=brand}brand:("Nike" OR "Adidas")', 'price:[10 TO 50]', 'in_stock:true', '{!frange l=0 u=100}price', 'created:[NOW-30DAYS TO NOW]', '-discontinued:true'])], ['facet.field', '{!ex=brand}brand'], ['sort', pick(['price asc, score desc', 'score desc', 'rating desc,id asc'])], ['fl', 'id,name,price,score'], ['rows', '24'], ['start', String(int(0, 10) * 24)], ['wt', 'json'], ['defType', pick(['edismax', 'lucene'])], ['qf', 'name^3 description^0.5 sku^10']]],
  () => ['/browse', [['N', `${pick(['0', '4294967289', '4294967292'])}+${int(100, 9999)}`], ['Ntt', pick(['red shoes', "levi's 501", 'usb-c hub'])], ['Ntk', 'All'], ['Ntx', pick(['mode+matchallpartial', 'mode+matchall'])], ['Nrpp', '24'], ['No', String(int(0, 5) * 24)], ['Ns', pick(['sku.price|0', 'product.displayName|1', 'sku.price|1||product.rating|0'])], ['Nr', 'AND(product.active:1,NOT(sku.onSale:0))']]],
  () => [`/search/?text=${enc(pick(['red shoes', "levi's 501", 'usb-c hub']))}`, [['q', pick([':relevance:brand:Levi\'s:price:£10-£49.99', ':price-asc:category:1234:swatchColors:BLACK', ':name-desc:allCategories:laptops:memory:16 GB'])], ['sort', pick(['relevance', 'price-asc', 'topRated'])]]],
  () => ['/api/v2/core/', [['account_id', String(int(5000, 6999))], ['auth_key', alnum(16).toLowerCase()], ['domain_key', 'shop'], ['request_type', 'search'], ['search_type', pick(['keyword', 'category'])], ['q', pick(['red shoes', 'jeans 32"', '*'])], ['fl', 'pid,title,price,thumb_image,url'], ['fq', pick(['price:[10 TO 50]', 'color:"navy blue" OR color:"black"', 'brand:"Levi\'s"'])], ['efq', 'inventory:[1 TO *]'], ['sort', pick(['price asc', 'sale_price desc', ''])], ['rows', '24'], ['start', '0'], ['_br_uid_2', `uid=${int(1e12, 9e12)}:v=15.0:ts=${now()}123:hc=${int(1, 40)}`], ['url', productRef()], ['ref_url', `${ORIGIN}/`]]],
  () => ['/cloud-search/n-search/search', [['ticket', `klevu-${int(1e14, 9e14)}`], ['term', pick(['usb c', 'raspberry pi 5', "o'reilly sql"])], ['paginationStartsFrom', '0'], ['noOfResults', '36'], ['klevuSort', pick(['rel', 'lth', 'htl'])], ['enableFilters', 'true'], ['filterResults', pick(['brand:Raspberry Pi;;category:Boards', 'price:10 - 50', 'color:Red;;color:Blue'])], ['category', 'KLEVU_PRODUCT'], ['klevu_filterLimit', '50'], ['sv', '121'], ['lsqt', ''], ['responseType', 'json']]],
  () => [`/search/${enc(pick(['red shoes', 'usb-c hub', 'keyboard 65%']))}`, [['key', `key_${alnum(16)}`], ['i', uuid()], ['s', String(int(1, 40))], ['c', 'ciojs-client-2.47.0'], ['filters[Color]', pick(['Red', 'Navy Blue'])], ['filters[Price]', '10-50'], ['sort_by', 'price'], ['sort_order', pick(['ascending', 'descending'])], ['fmt_options[groups_max_depth]', '2'], ['_dt', String(now() * 1000)]]],
  () => ['/fact-finder/rest/v5/search/shop', [['query', pick(['usb c', 'raspberry pi', 'led strip 5m'])], ['filter', pick(["Brand:Levi's", 'Price:[10,50]', 'Color:Red~~~Blue', 'CategoryPath:Computers/Boards'])], ['sort', pick(['Price:asc', 'Rating:desc', ''])], ['page', '1'], ['hitsPerPage', '24'], ['sid', alnum(26)], ['followSearch', String(int(1000, 9999))]]],
  () => ['/api/search/search.json', [['siteId', alnum(6).toLowerCase()], ['q', pick(['red shoes', 'pi 5 case'])], ['bgfilter.brand', pick(["Levi's", 'Raspberry Pi'])], ['filter.price.low', '10'], ['filter.price.high', '50'], ['filter.color_family', pick(['Red', 'Blue'])], ['sort.price', pick(['asc', 'desc'])], ['resultsFormat', 'native'], ['userId', uuid()], ['domain', `${ORIGIN}/search?q=red`]]],
  () => ['/on/demandware.store/Sites-Shop-Site/en_US/Search-UpdateGrid', [['cgid', pick(['mens-jeans', 'electronics-boards'])], ['q', pick(['', 'slim'])], ['pmin', '10.00'], ['pmax', '50.00'], ['prefn1', 'brand'], ['prefv1', pick(["Levi's|Lee", 'Raspberry Pi|Arduino'])], ['prefn2', 'refinementColor'], ['prefv2', pick(['Blue|Black', 'Red'])], ['srule', pick(['price-low-to-high', 'best-matches', 'top-sellers'])], ['start', String(int(0, 4) * 12)], ['sz', '12'], ['selectedUrl', `${ORIGIN}/jeans/?prefn1=brand&prefv1=Levi%27s`]]],
  () => ['/shop/', [['orderby', pick(['price-desc', 'popularity', 'date'])], ['filter_color', 'red,blue'], ['query_type_color', 'or'], ['min_price', '10'], ['max_price', '50'], ['rating_filter', '4,5'], ['product_list_order', 'price'], ['product_list_dir', 'desc']]],
  () => ['/collections/all', [['filter.v.price.gte', '10'], ['filter.v.price.lte', '50'], ['filter.p.m.custom.material', pick(['Wool', 'Cotton & Linen'])], ['filter.v.option.size', '32" x 32"'], ['sort_by', pick(['price-ascending', 'best-selling', 'created-descending'])]]],
  () => ['/api/products', [['$filter', pick(["Price le 50 and Brand eq 'Lee'", "startswith(Name,'USB') or Category/Name eq 'Cables'"])], ['$orderby', 'Price desc,Name'], ['sort', pick(['-price,+name', 'price desc', 'rating:desc'])], ['order[price]', 'asc'], ['q', pick(['(brand:levis OR brand:lee) AND NOT color:red', 'title:"o\'reilly" AND year:>2019'])]]],
]

const SHORTCODES = [
  '[product id="12"]', '[add_to_cart id="99" style="border:4px solid #ccc; padding: 12px;"]', '[gallery ids="12,13,14" columns="3" size="medium"]', '[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]',
  '[caption id="attachment_5" align="alignnone" width="300"]<img src="https://shop.example/wp-content/uploads/2025/03/mug.jpg" alt="Mug" width="300" height="200" /> Our mug[/caption]',
  '[contact-form-7 id="123" title="Contact form 1"]', '[vc_row][vc_column width="1/2"][vc_column_text]Hand-made in Porto.[/vc_column_text][/vc_column][/vc_row]',
  '[b]Bold claim[/b] [url=https://shop.example/p/1]link[/url] [img]https://shop.example/i/1.jpg[/img]', '[quote="Bob"]It fits a Pi 5 [i]and[/i] a fan.[/quote]', '[code]SELECT * FROM parts WHERE voltage <= 5;[/code]',
]
const LISTING_HTML = [
  '<p><strong>Features:</strong></p><ul><li>100% cotton</li><li>Machine wash 30°C</li><li>Size S–XXL</li></ul>',
  '<table border="1" cellpadding="4"><tr><th>Size</th><th>Chest (cm)</th></tr><tr><td>M</td><td>96–101</td></tr></table>',
  '<p>Compatible with Raspberry Pi 5 &amp; 4B.<br>Includes: case, fan, 4× heatsinks.</p><img src="https://cdn.marketplace.example/u/8812/pi-case.jpg" width="600" alt="case">',
  '<h2>Why buy from us?</h2><p>Ships in 24h &ndash; <em>free</em> returns &lt;30 days&gt;.</p><hr><p style="color:#c00;font-weight:bold">SALE -20%</p>',
  '<div class="desc"><p>Vintage 1984 print, framed (A3).</p><p><a href="https://www.instagram.com/shop.example/" target="_blank" rel="noopener">See more on Instagram</a></p></div>',
  '<ol><li>Unscrew the back panel</li><li>Connect GND → pin 6</li><li>Power on &gt; wait 5 s</li></ol><p><small>* Not for use with 230V mains.</small></p>',
]
const TEMPLATES = [
  'Dear {{ recipient.first_name | default: "friend" }}, enjoy your gift! — {{ sender.name }}', '{{#if vip}}Hi {{name}}, thanks for being a VIP!{{else}}Hi {{name}}!{{/if}}', '{{{signature}}}',
  "{% if customer.tags contains 'VIP' %}Free engraving{% endif %}", "Made for {{initials}} · {{ 'now' | date: '%Y' }}", '{{#each items}}{{this.name}} x{{this.qty}}, {{/each}}', '{{> footer}}', 'Hello [FIRST_NAME], your code is [CODE]',
  'Hi {name}, happy {age}th!', '${firstName} & ${lastName}', '%FIRSTNAME% %LASTNAME%', '<<NAME>> — Est. <<YEAR>>',
]
const ORDER_NOTES = [
  'Please leave at back door -- dog is friendly; ring bell & wait', 'Gate code #1234* then 2nd door on the left', 'Deliver 9am-5pm (Mon-Fri) || weekends ok', 'Orders >$50 ship free?? mine was $49.99 :(',
  'Size: 10" x 8"; Frame: Oak | Glass: non-reflective', 'Use the side entrance (1/2 block east of 5th & Main)', "Don't ring -- baby sleeping!!", 'If not home > leave with #12 (Mrs. O\'Neil)', 'PO: 4500012345 / Cost ctr: 4100-IT',
]

const SHAPES: ReadonlyArray<readonly [number, () => void]> = [
  // Technical user content.
  [10, () => add('tech-review', { method: 'POST', uri: `/products/${slug()}/reviews`, headers: jsonH(headers('xhr', productRef())), body: JSON.stringify({ review: { rating: int(1, 5), title: pick(['Works with Ubuntu 24.04', 'Great book for beginners', 'DOA -- see log', 'Good but the manual is wrong', 'Exactly as described']), body: techText(), name: name(), email: email() } }) })],
  [6, () => add('tech-review-form', { method: 'POST', uri: '/wp-comments-post.php', headers: formH(headers('form', productRef())), body: form([['rating', String(int(1, 5))], ['comment', techText()], ['author', name()], ['email', email()], ['wp-comment-cookies-consent', 'yes'], ['submit', 'Submit'], ['comment_post_ID', String(int(10, 9999))], ['comment_parent', '0']]) })],
  [7, () => add('product-qa', { method: 'POST', uri: `/apps/qa/products/${slug()}/questions`, headers: formH(headers('form', productRef())), body: form([['question[body]', techText()], ['question[name]', name()], ['question[email]', email()], ['question[notify]', '1'], ['authenticity_token', `${alnum(86)}==`], ['utf8', '✓'], ['commit', 'Ask']]) })],
  [8, () => add('forum-post', { method: 'POST', uri: '/posts.json', headers: jsonH({ ...headers('xhr', `${ORIGIN}/community/t/${slug()}/${int(100, 9999)}`), 'x-csrf-token': alnum(86), 'x-requested-with': 'XMLHttpRequest', 'discourse-logged-in': 'true' }), body: JSON.stringify({ raw: `${pick(['Solved it!', 'Same problem here.', 'Posting my setup for reference:', 'Quick question:'])}\n\n\`\`\`\n${pick([...SQL_SNIPPETS, ...SHELL_SNIPPETS, ...WINDOWS_SNIPPETS, ...CONFIGS, ...STACK_TRACES])}\n\`\`\`\n\n${pick(['HTH', 'Thanks!', '@admin can you pin this?', '', 'Edit: typo'])}`, topic_id: int(100, 9999), category: int(1, 20), reply_to_post_number: rand() < 0.5 ? int(1, 30) : null, nested_post: true }) })],
  [6, () => {
    const m = multipart(headers('form', `${ORIGIN}/support/new`), [['ticket[subject]', pick(['Install fails on Windows 11', 'License key not accepted', 'Board not detected', 'Import from CSV breaks'])], ['ticket[description]', techText()], ['ticket[email]', email()], ['ticket[order]', `#${int(1000, 99999)}`]], rand() < 0.7 ? [['ticket[attachments][]', pick(['error.log', 'install.log', 'nginx.conf', 'docker-compose.yml', 'crash-report.txt', 'settings.ini']), 'text/plain', `${pick(LOG_LINES)}\n${pick(STACK_TRACES)}\n${pick(CONFIGS)}\n`]] : [])
    add('support-ticket', { ...m, uri: '/support/tickets' })
  }],
  [5, () => add('quiz-answer', { method: 'POST', uri: `/courses/${pick(['sql-for-data-analysis', 'linux-admin-bootcamp', 'web-dev-101', 'python-basics'])}/lessons/${int(1, 40)}/quiz`, headers: formH(headers('form', `${ORIGIN}/courses/sql-for-data-analysis/lessons/${int(1, 40)}`)), body: form([['question_id', String(int(1, 500))], ['answer', pick([...SQL_SNIPPETS, ...SHELL_SNIPPETS.slice(0, 6), ...MATHS, ...WEB_SNIPPETS.slice(0, 4)])], ['attempt', String(int(1, 3))], ['_token', alnum(40)]]) })],
  [4, () => add('code-runner', { method: 'POST', uri: '/api/playground/run', headers: jsonH(headers('xhr', `${ORIGIN}/courses/python-basics/lessons/${int(1, 40)}`)), body: JSON.stringify(pick([
    { language: 'python', source: 'nums = [3, 1, 4, 1, 5]\nprint(sorted(nums, reverse=True)[:3])\nprint(sum(n for n in nums if n > 2))', stdin: '' },
    { language: 'c', source: '#include <stdio.h>\nint main(void) {\n  for (int i = 0; i < 5; i++) printf("%d\\n", 1 << i);\n  return 0;\n}', stdin: '' },
    { language: 'javascript', source: "const words = 'the quick brown fox'.split(' ');\nconsole.log(words.map(w => w[0].toUpperCase() + w.slice(1)).join(' '));", stdin: '' },
    { language: 'sql', source: SQL_SNIPPETS[int(0, 4)]!, dataset: 'northwind' },
    { language: 'bash', source: 'name=$(echo "World")\necho "Hello, $name" | tr a-z A-Z\nseq 1 5 | paste -sd+ | bc', stdin: '' },
  ])) })],
  [6, () => add('book-search', { method: 'GET', uri: `/search?${form([['q', rand() < 0.5 ? pick(BOOK_TITLES) : pick(BOOK_TITLES).slice(0, int(3, 20))], ['type', 'product'], ['options[prefix]', 'last']])}`, headers: headers('doc', rand() < 0.5 ? `https://www.google.com/search?q=${enc(pick(BOOK_TITLES))}` : `${ORIGIN}/collections/books`) })],
  [3, () => add('book-path', { method: 'GET', uri: `/products/${pick(BOOK_TITLES).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`, headers: headers('doc', `${ORIGIN}/collections/books`) })],
  [4, () => add('school-content', { method: 'POST', uri: pick(['/apps/homework-help/ask', '/courses/maths-gcse/discussion']), headers: jsonH(headers('xhr')), body: JSON.stringify({ subject: pick(['maths', 'chemistry', 'computing', 'physics']), text: pick([`Why is ${pick(MATHS)} true?`, `Balance this: ${pick(CHEMISTRY)}`, `Is ${pick(MATHS)} the same as ${pick(MATHS)}?`, `My teacher wrote ${pick(CHEMISTRY)} -- where does the water come from?`, `Spreadsheet: ${pick(FORMULAS)} gives #VALUE!`]), grade: pick(['KS3', 'GCSE', 'A-level', 'Year 9']) }) })],
  [3, () => add('tech-search', { method: 'GET', uri: `/search?q=${enc(pick(['usb c to hdmi 4k@60hz', 'cat6 cable 10m', 'rs232 db9 <-> usb', '3.3v/5v level shifter', 'i2c oled 0.96"', 'arduino && sensor kit', 'c:\\ drive ssd 1tb', '/dev/null mug', 'sudo sandwich tee', 'hello world; print shirt', '$HOME sweet $HOME sign', 'kill -9 hoodie', 'NaN% cotton']))}&type=product`, headers: headers('doc', productRef()) })],
  // Marketing and ads traffic.
  [12, () => {
    const [, params] = pick(Object.entries(MACROS))
    const q = form([...(params as ReadonlyArray<readonly [string, string]>)].filter(() => rand() < 0.85).map(([k, v]) => [k, v] as [string, string]))
    // Preview clicks and some ad servers send the macro raw; most browsers percent-encode `{`, `}` and `|`.
    const raw = rand() < 0.4 ? decodeURIComponent(q.replaceAll('+', '%20')).replaceAll(' ', '%20').replaceAll('#', '%23') : q
    add('ad-macro-landing', { method: 'GET', uri: `/${pick(['', 'collections/sale', `products/${slug()}`, 'pages/spring'])}?${raw}`, headers: headers('doc', pick(['', 'https://www.facebook.com/', 'https://www.tiktok.com/', 'https://l.instagram.com/', 'https://www.google.com/', `https://tpc.googlesyndication.com/simgad/${int(1e15, 9e15)}`])) })
  }],
  [5, () => {
    const [, params] = pick(MERGE_TAGS)
    add('email-merge-tags', { method: 'GET', uri: `/${pick(['', 'collections/new', `products/${slug()}`])}?${form([...(params as ReadonlyArray<readonly [string, string]>)].map(([k, v]) => [k, v] as [string, string]))}`, headers: headers('doc', pick(['https://mail.google.com/', 'https://outlook.live.com/', ''])) })
  }],
  [6, () => {
    const landing = `${ORIGIN}/products/${slug()}?utm_source=affiliate&utm_medium=${pick(['cpa', 'cps'])}&utm_campaign=${enc(pick(['spring sale', 'back-to-school', 'Q2 | EMEA']))}`
    const once = enc(landing)
    const twice = enc(`https://www.awin1.com/cread.php?awinmid=${int(1000, 9999)}&awinaffid=${int(1e5, 9e5)}&ued=${once}`)
    const thrice = enc(`https://click.linksynergy.com/deeplink?id=${alnum(11)}&mid=${int(1e4, 9e4)}&murl=${twice}`)
    add('affiliate-chain', { method: 'GET', uri: pick([`/r?${form([['u', landing]])}`, `/redirect?url=${twice}&sig=${hex(16)}`, `/out?to=${thrice}`, `/?awc=${int(1000, 9999)}_${now()}_${hex(32)}&ranMID=${int(1e4, 9e4)}&ranEAID=${alnum(11)}&ranSiteID=${alnum(11)}-${alnum(22)}&ref=${twice}`]), headers: headers('doc', pick(['https://www.awin1.com/', 'https://click.linksynergy.com/', 'https://www.dealnews.example/', 'https://www.hotukdeals.com/deals/x-4412'])) })
  }],
  [3, () => add('email-click-tracking', { method: 'GET', uri: `/${pick(['', 'account/orders', `products/${slug()}`])}?${form([['utm_source', pick(['sendgrid', 'mailgun', 'postmark'])], ['utm_medium', 'email'], ['_ke', b64(JSON.stringify({ kl_email: email(), kl_company_id: alnum(6) }))], ['sc_src', 'email_' + int(1e6, 9e6)], ['sc_lid', String(int(1e8, 9e8))], ['sc_llid', String(int(1, 99))], ['sc_eh', hex(16)]])}`, headers: headers('doc', pick(['https://u1234567.ct.sendgrid.net/', 'https://email.mg.shop.example/', ''])) })],
  [5, () => add('deep-link', { method: 'GET', uri: pick([
    `/app?${form([['$deeplink_path', `product/${int(1, 9999)}`], ['$fallback_url', `${ORIGIN}/products/${slug()}`], ['~channel', 'email'], ['~campaign', 'spring'], ['~feature', 'marketing'], ['$3p', 'e_sg']])}`,
    `/open?${form([['af_dp', 'shopapp://'], ['deep_link_value', `shopapp://product/${int(1, 9999)}?ref=push`], ['af_web_dp', `${ORIGIN}/products/${slug()}`], ['pid', 'email'], ['c', 'spring_sale'], ['af_sub1', '{{ person.id }}']])}`,
    `/link?${form([['link', `${ORIGIN}/p/${int(1, 9999)}`], ['apn', 'com.shop.app'], ['ibi', 'com.shop.app'], ['isi', String(int(1e8, 9e8))], ['ofl', ORIGIN], ['efr', '1']])}`,
    `/go?${form([['target', `intent://product/${int(1, 9999)}#Intent;scheme=shopapp;package=com.shop.app;S.browser_fallback_url=${enc(`${ORIGIN}/products/${slug()}`)};end`]])}`,
    `/products/${slug()}?${form([['adj_t', alnum(7).toLowerCase()], ['adj_deep_link', `shopapp://product/${int(1, 9999)}`], ['adj_redirect', `${ORIGIN}/products/${slug()}`]])}`,
  ]), headers: headers('doc', pick(['', 'https://l.facebook.com/', 'android-app://com.google.android.gm/'])) })],
  [4, () => add('amp', pick([
    () => ({ method: 'GET', uri: `/amp/products/${slug()}?${form([['amp_js_v', '0.1'], ['usqp', `mq331AQ${alnum(12)}`], ['_gsa', '1'], ['amp_gsa', '1'], ['amp_r', '1'], ['__amp_source_origin', ORIGIN]])}`, headers: { ...headers('doc', 'https://www.google.com/'), 'amp-same-origin': 'true' } }),
    () => ({ method: 'POST', uri: `/cart/add.json?__amp_source_origin=${enc(ORIGIN)}`, headers: { ...formH(headers('xhr', `https://shop-example.cdn.ampproject.org/c/s/${HOST}/amp/products/${slug()}`)), origin: 'https://shop-example.cdn.ampproject.org' }, body: form([['id', String(int(1e13, 9e13))], ['quantity', '1']]) }),
    () => ({ method: 'GET', uri: `/amp-analytics?${form([['cid', 'CLIENT_ID(_ga)'], ['rand', 'RANDOM'], ['url', 'CANONICAL_URL'], ['ref', 'DOCUMENT_REFERRER'], ['title', 'TITLE'], ['ts', 'TIMESTAMP'], ['var', '${pageViewId}']])}`, headers: headers('beacon', `https://shop-example.cdn.ampproject.org/`) }),
  ])())],
  [5, () => add('preview-params', { method: 'GET', uri: `/${pick(['', `products/${slug()}`, 'collections/all'])}?${form(pick([
    [['gtm_debug', String(now() * 1000)], ['gtm_auth', alnum(22)], ['gtm_preview', `env-${int(1, 9)}`], ['gtm_cookies_win', 'x']],
    [['_gl', `1*${alnum(6).toLowerCase()}*_ga*${b64(`${int(1e8, 2e9)}.${now()}`).replaceAll('=', '.')}*_ga_${alnum(10).toUpperCase()}*${b64(`${now()}.1.1.${now()}.0.0.0`).replaceAll('=', '.')}`], ['_gcl_aw', `GCL.${now()}.${alnum(40)}`]],
    [['preview_theme_id', String(int(1e11, 9e11))], ['_ab', '0'], ['_fd', '0'], ['_sc', '1'], ['key', hex(64)]],
    [['_storyblok', String(int(1e8, 9e8))], ['_storyblok_c', 'page'], ['_storyblok_version', ''], ['_storyblok_lang', 'default'], ['_storyblok_release', '0'], ['_storyblok_rl', String(now() * 1000)], ['_storyblok_tk[space_id]', String(int(1e5, 9e5))], ['_storyblok_tk[timestamp]', String(now())], ['_storyblok_tk[token]', hex(40)]],
    [['optimizely_x', String(int(1e10, 9e10))], ['optimizely_token', 'PUBLIC'], ['optimizely_preview', '1'], ['optimizely_x_audiences', `${int(1e9, 9e9)},${int(1e9, 9e9)}`]],
    [['elementor-preview', String(int(1, 9999))], ['ver', String(now())], ['preview_nonce', hex(10)], ['preview', 'true']],
  ] as Array<Array<[string, string]>>))}`, headers: headers('doc', pick(['https://tagassistant.google.com/', 'https://app.storyblok.com/', `https://admin.shopify.com/store/shop/themes/${int(1e11, 9e11)}/editor`, ''])) })],
  // International shops.
  [9, () => add('intl-review', { method: 'POST', uri: `/products/${slug()}/reviews`, headers: jsonH(headers('xhr', productRef())), body: JSON.stringify({ review: { rating: int(1, 5), title: pick(KAOMOJI), body: `${pick(INTL_REVIEWS)} ${rand() < 0.4 ? pick(KAOMOJI) : ''}`.trim(), name: pick(INTL_NAMES), location: pick(INTL_REVIEWS.slice(2, 3).concat(INTL_REVIEWS.slice(8, 9), INTL_REVIEWS.slice(10, 11))) } }) })],
  [6, () => add('intl-checkout', { method: 'POST', uri: '/checkout/shipping', headers: formH(headers('form', `${ORIGIN}/checkout`)), body: form([['checkout[shipping_address][name]', pick(INTL_NAMES)], ['checkout[shipping_address][address1]', pick(['東京都港区六本木６－１０－１', '서울특별시 강남구 테헤란로 152', 'г. Москва, ул. Тверская, д. 7, кв. 12', 'شارع الملك فهد، الرياض ١٢٢١١', '\u200Fרחוב הרצל 5, תל אביב\u200F', 'กรุงเทพฯ เขตวัฒนา ซ.สุขุมวิท 11', 'मुंबई, अंधेरी (पूर्व) - 400069', 'ΛΕΩΦ. ΣΥΓΓΡΟΥ 12; 2ος όροφος', 'İSTİKLAL CAD. NO:12 D:3'])], ['checkout[shipping_address][address2]', pick(['', '＃３０１', '101동 202호', 'кв. «12К»', 'Apt ٤'])], ['checkout[email]', pick([email(), 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'ilknur.şahin@örnek.com.tr'])], ['checkout[shipping_address][phone]', pick(['０９０－１２３４－５６７８', '+82 10-1234-5678', '+7 (495) 123-45-67', '+966 ٥٠ ١٢٣ ٤٥٦٧'])], ['checkout[note]', `${pick(KAOMOJI)} ${pick(INTL_REVIEWS)}`]]) })],
  [6, () => add('intl-search', { method: 'GET', uri: `/search?q=${enc(pick(['ｉＰｈｏｎｅ　１５　ケース', '＜公式＞ソニー', '＂ワンピース＂', 'ﾀｵﾙ ｾｯﾄ', 'ＵＳＢ－Ｃ；充電器', 'ＳＥＬＥＣＴ　ショップ', '手机壳 iphone15', '노트북 거치대', 'чехол для телефона', 'حقيبة يد', 'ΚΑΛΤΣΕΣ', 'kılıf İPHONE', 'नोटबुक', 'รองเท้า', '𝐬𝐚𝐥𝐞', '🧦 socks', 'café', 'cafe\u0301']))}&type=product`, headers: headers('doc', pick([`${ORIGIN}/`, 'https://search.yahoo.co.jp/', 'https://search.naver.com/']))})],
  [8, () => {
    const charset = pick(Object.keys(LEGACY_CJK))
    const text = pick(LEGACY_CJK[charset]!)
    const q = formBytes(legacyBytes(text, charset))
    add('legacy-cjk-charset', pick([
      () => ({ method: 'GET', uri: `/search?${charset === 'shift_jis' ? 'sitem' : 'q'}=${q}&_charset_=${charset === 'gbk' ? 'GB2312' : charset.toUpperCase()}&page=1`, headers: headers('doc', `${ORIGIN}/`) }),
      () => ({ method: 'POST', uri: '/order/confirm.php', headers: { ...formH(headers('form', `${ORIGIN}/order/input.php`)), 'content-type': `application/x-www-form-urlencoded; charset=${charset}` }, body: `name=${formBytes(legacyBytes(pick(INTL_NAMES.slice(0, 4)), charset))}&addr=${formBytes(legacyBytes(pick(LEGACY_CJK[charset]!), charset))}&memo=${q}&submit=${formBytes(legacyBytes('送信', charset))}` }),
      () => ({ method: 'GET', uri: `/products/${slug()}`, headers: headers('doc', charset === 'gbk' ? `https://www.baidu.com/s?wd=${q}&ie=gbk&tn=baidu` : charset === 'big5' ? `https://tw.search.yahoo.com/search?p=${q}&ei=BIG5` : charset === 'euc-kr' ? `https://search.daum.net/search?w=tot&q=${q}` : `https://search.rakuten.co.jp/search/mall/${q}/?f=1&s=2`) }),
    ])())
  }],
  [3, () => add('punycode-host', { method: 'GET', uri: pick([`/account/login?${form([['return_to', `https://${pick(PUNYCODE_HOSTS)}/cart`]])}`, `/products/${slug()}`, `/?${form([['utm_source', pick(PUNYCODE_HOSTS)], ['utm_medium', 'referral']])}`]), headers: { ...headers('doc', `https://${pick(PUNYCODE_HOSTS)}/${pick(['', 'blog/best-usb-c-hubs', 'forum/t/123'])}`), origin: `https://${pick(PUNYCODE_HOSTS)}` } })],
  // Commerce search syntaxes.
  [14, () => {
    const [path, params] = pick(SEARCH_PLATFORMS)()
    add('commerce-search', { method: 'GET', uri: `${path}${path.includes('?') ? '&' : '?'}${form(params)}`, headers: headers('xhr', `${ORIGIN}/search?q=${enc(pick(['red shoes', 'usb c']))}`) })
  }],
  // Marketplaces and personalisation.
  [5, () => add('seller-listing', { method: 'POST', uri: `/seller/listings/${pick(['new', String(int(1000, 99999))])}`, headers: formH(headers('form', `${ORIGIN}/seller/listings`)), body: form([['listing[title]', pick(['Vintage "Star Wars" tee (1984) -- size M', 'Pi 5 case w/ fan & heatsinks', 'Hand-made mug <3 | 350 ml', 'SQL cheat sheet poster A2', 'USB-C hub 7-in-1; 100W PD'])], ['listing[description]', `${pick(LISTING_HTML)}${rand() < 0.4 ? pick(LISTING_HTML) : ''}`], ['listing[bullet_points][]', pick(['✔ 100% cotton', '• Fits 32" waist', '→ Ships in 24h', '★★★★★ rated'])], ['listing[price]', `${int(5, 99)}.99`], ['listing[tags]', pick(['vintage, 80s, "star wars"', 'raspberry pi; case; fan', 'sql, developer, poster'])], ['authenticity_token', `${alnum(86)}==`]]) })],
  [4, () => add('shortcode-content', { method: 'POST', uri: '/wp-admin/admin-ajax.php', headers: formH(headers('xhr', `${ORIGIN}/my-account/vendor-dashboard/products/edit/${int(10, 9999)}`)), body: form([['action', pick(['wcfm_ajax_controller', 'dokan_save_product', 'wcv_save_product'])], ['post_content', `${pick(LISTING_HTML)}\n${pick(SHORTCODES)}`], ['post_excerpt', pick(SHORTCODES)], ['_wpnonce', hex(10)], ['_wp_http_referer', `/my-account/vendor-dashboard/products/edit/${int(10, 9999)}?orderby=price&order=desc`]]) })],
  [3, () => add('forum-bbcode', { method: 'POST', uri: '/forum/posting.php?mode=reply&f=4&t=' + int(100, 9999), headers: formH(headers('form', `${ORIGIN}/forum/viewtopic.php?t=${int(100, 9999)}`)), body: form([['subject', `Re: ${pick(['Pi 5 case temps', 'Best SQL book?', 'Driver for CH340'])}`], ['message', `${pick(SHORTCODES.slice(7))} ${pick(EMOTICON_TEXTS)}`], ['post', 'Submit'], ['creation_time', String(now())], ['form_token', hex(40)]]) })],
  [5, () => add('personalisation-template', { method: 'POST', uri: '/apps/personalizer/api/preview', headers: jsonH(headers('xhr', productRef())), body: JSON.stringify({ product_id: int(1e12, 9e12), template: pick(TEMPLATES), values: { name: pick(INTL_NAMES), initials: pick(['J.D.', 'M&K', 'A+B']), age: int(18, 90) }, font: pick(['Pacifico', 'Great Vibes', 'Roboto Mono']), color: pick(['#b08d57', 'gold', 'rgb(0, 0, 0)']) }) })],
  [10, () => add('gift-message', { method: 'POST', uri: '/cart/add', headers: formH(headers('form', productRef())), body: form([['id', String(int(1e13, 9e13))], ['quantity', '1'], [pick(['properties[Engraving]', 'properties[Gift message]', 'properties[Card text]', 'attributes[gift-note]']), pick([...EMOTICON_TEXTS, ...KAOMOJI])], ['properties[_font]', pick(['Script', 'Serif', 'Block'])], ['form_type', 'product'], ['utf8', '✓']]) })],
  [5, () => add('order-note', { method: 'POST', uri: '/cart/update.js', headers: jsonH(headers('xhr', `${ORIGIN}/cart`)), body: JSON.stringify({ note: pick([...ORDER_NOTES, ...EMOTICON_TEXTS]), attributes: { 'Delivery date': '2025-03-14', 'How did you hear about us?': pick(['Reddit r/homelab', 'Google -> blog', 'friend <3', 'TikTok | @techdeals']) } }) })],
  // Framework forms and cookies.
  [6, () => add('rails-form', { method: 'POST', uri: `/orders/${int(1000, 99999)}`, headers: formH(headers('form', `${ORIGIN}/orders/${int(1000, 99999)}/edit`)), body: form([['_method', 'patch'], ['authenticity_token', `${b64(alnum(48))}`], ['order[line_items_attributes][0][id]', String(int(1, 9999))], ['order[line_items_attributes][0][quantity]', String(int(1, 5))], ['order[line_items_attributes][0][_destroy]', '0'], ['order[special_instructions]', pick(ORDER_NOTES)], ['order[bill_address_attributes][company]', pick(['', 'Smith & Sons Ltd.', "O'Brien <Holdings>", 'Acme | EMEA'])], ['commit', 'Update']]) })],
  [4, () => add('framework-json', { method: 'POST', uri: pick(['/livewire/update', '/api/account/profile', '/account/settings']), headers: { ...jsonH(headers('xhr')), 'x-xsrf-token': b64(JSON.stringify({ iv: b64(alnum(16)), value: b64(alnum(48)), mac: hex(64) })), 'x-requested-with': 'XMLHttpRequest' }, body: JSON.stringify({ bio: techText(), website: pick(['https://github.com/jdoe', 'http://localhost:3000', 'https://example.dev/~jdoe/']), signature: pick(EMOTICON_TEXTS), display_name: pick(['root', 'admin_jane', 'sudo_sam', 'Little Bobby Tables fan', 'null', 'undefined', 'NaN', 'Mr. <Anonymous>']) }) })],
  [3, () => add('in-app-browser', { method: 'GET', uri: `/products/${slug()}?${form([['fbclid', `IwAR${alnum(60)}`], ['utm_source', pick(['ig', 'fb'])], ['utm_medium', 'social'], ['utm_content', 'link_in_bio']])}`, headers: { ...headers('doc', 'https://l.instagram.com/'), 'user-agent': IN_APP_UAS.length > 0 ? pick(IN_APP_UAS) : pick(UAS), 'x-requested-with': pick(['com.instagram.android', 'com.facebook.katana', 'jp.naver.line.android']) } })],
]

drawWeighted(SHAPES, () => out.length >= COUNT)

writeFileSync(new URL('./benign-content.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${out.length} requests`)
