#!/usr/bin/env bash
# How sqlmap/*.ndjson.gz were captured (bench/waf/corpora/README.md, corpus 7): Debian's sqlmap 1.7.2-1 run against a
# local page that answers every request with the same product page, its Python random module seeded (random.seed(18)
# from a sitecustomize on PYTHONPATH; PYTHONHASHSEED was not fixed, so a rerun places a few random strings differently),
# one thread. Each file holds the distinct values sqlmap put in `id`, percent-decoded once, as JSON strings in order.
set -euo pipefail
work="$(mktemp -d)"; mkdir -p "$work/seed"
echo 'import random; random.seed(18)' > "$work/seed/sitecustomize.py"
cat > "$work/srv.py" <<'PY'
import http.server, sys
log = open(sys.argv[2], 'a')
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        log.write(self.path + '\n'); log.flush()
        body = b'<html><body><h1>Product</h1><p>A blue mug.</p></body></html>'
        self.send_response(200); self.send_header('Content-Type', 'text/html')
        self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
PY
run() { # name, then sqlmap options
  local name="$1"; shift
  python3 "$work/srv.py" 18718 "$work/$name.log" & local srv=$!; sleep 1
  PYTHONPATH="$work/seed" sqlmap -u "http://127.0.0.1:18718/p?id=1" -p id --batch --threads 1 --flush-session \
    --output-dir "$work/out" --disable-coloring --skip-waf "$@" > /dev/null 2>&1 || true
  kill "$srv"
  python3 - "$work/$name.log" "$name" <<'PY'
import gzip, json, sys, urllib.parse
vals = [urllib.parse.unquote(p[3:]) for line in open(sys.argv[1]) for p in urllib.parse.urlsplit(line.rstrip('\n')).query.split('&') if p.startswith('id=')]
with gzip.GzipFile(sys.argv[2] + '.ndjson.gz', 'wb', mtime=0) as g:
    g.write(''.join(json.dumps(v, ensure_ascii=False) + '\n' for v in dict.fromkeys(vals)).encode())
PY
}
run level5-risk3 --level 5 --risk 3
run tamper-between-randomcase-space2comment --level 3 --risk 3 --tamper=between,randomcase,space2comment
run tamper-versionedmorekeywords-equaltolike-space2randomblank --level 3 --risk 3 --tamper=versionedmorekeywords,equaltolike,space2randomblank
