/**
 * XML bodies: the whole document is one target (for XXE and friends), and each text
 * node and attribute value is another, entity-decoded by the engine, so a payload
 * escaped inside a SOAP envelope is seen as the application will see it.
 * @module
 */
import type { TargetSink } from './extract.ts'

export function collectXmlText(sink: TargetSink, body: string): void {
  let i = 0
  let n = 0
  while (i < body.length) {
    const lt = body.indexOf('<', i)
    const text = body.slice(i, lt < 0 ? body.length : lt)
    if (text.trim() !== '') {
      if (!sink.param()) return
      sink.add('body:xml:', `text${n++}`, 'xml-text', text.trim())
    }
    if (lt < 0) break
    const gt = body.indexOf('>', lt)
    if (gt < 0) break
    const tag = body.slice(lt, gt)
    if (body.startsWith('<![CDATA[', lt)) {
      const end = body.indexOf(']]>', lt)
      const cdata = body.slice(lt + 9, end < 0 ? body.length : end)
      if (!sink.param()) return
      sink.add('body:xml:', `cdata${n++}`, 'xml-text', cdata)
      i = end < 0 ? body.length : end + 3
      continue
    }
    for (const m of tag.matchAll(/=\s*"([^"]*)"|=\s*'([^']*)'/g)) {
      const v = m[1] ?? m[2] ?? ''
      if (v === '' || /^https?:\/\/[\w./-]+$/.test(v)) continue
      if (!sink.param()) return
      sink.add('body:xml:', `attr${n++}`, 'xml-text', v)
    }
    i = gt + 1
  }
}
