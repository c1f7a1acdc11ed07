/**
 * Log4Shell: resolves Log4j's nested lookups the way Log4j does (`${lower:j}` → `j`,
 * `${::-n}` and `${env:X:-d}` → their default, unknown lookups → empty) and flags a
 * `${jndi:…}` that survives. Runs on every target, since Log4j logs headers too.
 * @module
 */
import { excerptAt, type Detector } from './finding.ts'

const MAX_RESOLUTIONS = 64
const MAX_SPAN = 4096
const OPEN_JNDI = /\$\{\s*jndi\s*:/i

function resolveLookup(inner: string): string {
  const lower = inner.toLowerCase()
  const def = inner.indexOf(':-')
  if (def >= 0) return inner.slice(def + 2)
  for (const fn of ['lower:', 'upper:', 'date:']) {
    if (lower.startsWith(fn)) return inner.slice(fn.length).replaceAll("'", '')
  }
  return ''
}

export const detectJndi: Detector = (input, out) => {
  const first = input.value.indexOf('${')
  if (first < 0) return
  let s = input.value.slice(first, first + MAX_SPAN)
  for (let n = 0; n < MAX_RESOLUTIONS; n++) {
    const close = s.indexOf('}')
    if (close < 0) {
      // A lookup the value leaves open is closed by whatever the logger prints after it: Java prints
      // a map as `{q=${jndi:ldap://host, page=1}` and a JSON message ends in `"}`.
      const open = s.search(OPEN_JNDI)
      if (open >= 0 && input.level >= 2) {
        out.push({
          rule: 'waf.jndi.lookup',
          category: 'jndi',
          level: 2,
          score: 5,
          excerpt: excerptAt(input.value, first, first + 80),
          explanation: `The value holds a Log4j \${jndi:… lookup${n > 0 ? ' hidden in nested lookups' : ''} left open for the logged message's own "}" to close, which makes a vulnerable logger load remote code (Log4Shell).`,
        })
      }
      return
    }
    const open = s.lastIndexOf('${', close)
    if (open < 0) {
      s = s.slice(close + 1)
      continue
    }
    const inner = s.slice(open + 2, close)
    if (/^\s*jndi\s*:/i.test(inner)) {
      out.push({
        rule: 'waf.jndi.lookup',
        category: 'jndi',
        level: 1,
        score: 5,
        excerpt: excerptAt(input.value, first, first + 80),
        explanation: `The value holds a Log4j \${jndi:…} lookup${n > 0 ? ' hidden in nested lookups' : ''}, which makes a vulnerable logger load remote code (Log4Shell).`,
      })
      return
    }
    s = s.slice(0, open) + resolveLookup(inner) + s.slice(close + 1)
  }
}
