import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { IP_FLAGS } from '@vigil/core'
import { loadBundledRangeLists, parseRangeListText } from './ip-range-files.ts'
import { BUNDLED_DATA_DIR } from './package-files.ts'

describe('parseRangeListText', () => {
  it('keeps entries, drops comments, blank lines and over-long lines', () => {
    const text = `# header\n1.2.3.4\n\n  10.0.0.0/8  # inline\n${'9'.repeat(500)}\r\n2001:db8::/32\r\n`
    expect(parseRangeListText(text)).toEqual(['1.2.3.4', '10.0.0.0/8', '2001:db8::/32'])
  })
})

describe('bundled range snapshot', () => {
  const manifest = JSON.parse(readFileSync(join(BUNDLED_DATA_DIR, 'ip-ranges', 'manifest.json'), 'utf8')) as {
    commit: string
    lists: { name: string; flag: string; entries: number }[]
  }

  it('records the upstream commit it was taken from', () => {
    expect(manifest.commit).toMatch(/^[0-9a-f]{40}$/)
  })

  it('holds as many entries per list as the manifest says, each with a known flag', () => {
    const lists = loadBundledRangeLists()
    expect(lists.map((l) => [l.name, l.cidrs.length])).toEqual(manifest.lists.map((l) => [l.name, l.entries]))
    for (const l of lists) expect(IP_FLAGS).toContain(l.flag)
  })
})
