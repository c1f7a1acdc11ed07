import { describe, expect, it } from 'vitest'
import { BoundedMap } from './bounded-map.ts'
import { ClientRecords, type RecordPart } from './client-records.ts'
import { DistinctCounter } from './distinct-counter.ts'
import { EntityWindows, SharedEntityWindows } from './entity-windows.ts'
import { EwmaRate } from './ewma.ts'
import { GenerationalCache } from './generational-cache.ts'
import { hash32, hashHex } from './hash.ts'
import { InterArrival } from './inter-arrival.ts'
import { LruList, type LruLinks } from './lru-list.ts'
import { TopK } from './top-k.ts'
import { SlidingCounter, TumblingCounter } from './window-counter.ts'
import { mulberry32 } from '../../util/mulberry32.ts'

describe('BoundedMap', () => {
  it('stays at its cap with 1M distinct keys and reports what it evicted', () => {
    const evictedKeys: number[] = []
    const m = new BoundedMap<number, number>({ maxEntries: 1000, onEvict: (k) => evictedKeys.length < 3 && evictedKeys.push(k) })
    for (let i = 0; i < 1_000_000; i++) m.upsert(i, i, () => i)
    expect(m.size).toBe(1000)
    expect(m.evicted).toBe(999_000)
    expect(evictedKeys).toEqual([0, 1, 2])
    expect(m.peek(999_999)).toBe(999_999)
    expect(m.peek(0)).toBeUndefined()
  })

  it('evicts the least recently used, not the oldest inserted', () => {
    const m = new BoundedMap<string, number>({ maxEntries: 2 })
    m.upsert('a', 1, () => 1)
    m.upsert('b', 2, () => 2)
    m.upsert('a', 3, () => 0)
    m.upsert('c', 4, () => 3)
    expect([...m.entries()].map(([k]) => k)).toEqual(['a', 'c'])
  })

  it('keeps keys, values and recency apart when removed entries make room for new ones', () => {
    const gone: string[] = []
    const m = new BoundedMap<string, string>({ maxEntries: 3, idleMs: 50, onEvict: (k, v) => gone.push(`${k}=${v}`) })
    for (let round = 0; round < 200; round++) {
      m.set(`a${round}`, `A${round}`, round * 100)
      m.set(`b${round}`, `B${round}`, round * 100 + 1)
      m.delete(`a${round}`)
      m.evictIdle(round * 100 + 40)
    }
    expect(gone.slice(0, 3)).toEqual(['b0=B0', 'b1=B1', 'b2=B2'])
    expect([...m.entries()]).toEqual([['b199', 'B199']])
    m.set('c', 'C', 20_000)
    m.set('d', 'D', 20_001)
    m.set('e', 'E', 20_002)
    expect(gone.at(-1)).toBe('b199=B199')
    expect([...m.entries()].map(([k, v]) => k + v)).toEqual(['cC', 'dD', 'eE'])
  })

  it('never answers a key with the entry it read last once that entry left, even when its node came back under another key', () => {
    const m = new BoundedMap<string, string>({ maxEntries: 2, idleMs: 100 })
    m.set('a', 'A', 0)
    expect(m.peek('a')).toBe('A')
    m.delete('a')
    m.set('b', 'B', 1) // takes the node 'a' had
    expect(m.peek('a')).toBeUndefined()
    expect(m.use('b', 2)).toBe('B')
    m.set('c', 'C', 3)
    m.set('d', 'D', 4) // past the cap: 'b' goes
    expect(m.peek('b')).toBeUndefined()
    expect(m.upsert('d', 5, () => 'new')).toBe('D')
    m.evictIdle(200)
    expect(m.peek('d')).toBeUndefined()
    expect(m.upsert('d', 201, () => 'D2')).toBe('D2')
    expect(m.size).toBe(1)
    // Past the pool of removed nodes, a node leaves with its key still in it.
    const big = new BoundedMap<string, number>({ maxEntries: 5000 })
    for (let i = 0; i < 2000; i++) big.set(`k${i}`, i, i)
    for (let i = 1; i < 2000; i++) big.delete(`k${i}`)
    expect(big.peek('k0')).toBe(0)
    expect(big.delete('k0')).toBe(true)
    expect(big.peek('k0')).toBeUndefined()
    expect(big.size).toBe(0)
  })

  it('evicts idle entries by event time', () => {
    const gone: string[] = []
    const m = new BoundedMap<string, number>({ maxEntries: 10, idleMs: 100, onEvict: (k) => gone.push(k) })
    m.upsert('old', 0, () => 1)
    m.upsert('fresh', 150, () => 2)
    m.evictIdle(200)
    expect(gone).toEqual(['old'])
    expect(m.size).toBe(1)
  })

  it('answers like a plain map with recency under random use, set, upsert, delete and idle sweeps', () => {
    const rand = mulberry32(11)
    const gone: string[] = []
    const m = new BoundedMap<string, number>({ maxEntries: 5, idleMs: 30, onEvict: (k, v) => gone.push(`${k}=${v}`) })
    // The reference: insertion order of a Map is its recency order (re-inserted on use).
    const ref = new Map<string, { v: number; last: number }>()
    const refGone: string[] = []
    const touch = (k: string, v: number, now: number): void => {
      const last = Math.max(now, ref.get(k)?.last ?? now)
      ref.delete(k)
      ref.set(k, { v, last })
    }
    for (let step = 0, now = 0; step < 20_000; step++) {
      const k = `k${Math.floor(rand() * 8)}`
      const op = rand()
      if (op < 0.3) {
        const want = ref.get(k)
        if (want !== undefined) touch(k, want.v, now)
        expect(m.use(k, now)).toBe(want?.v)
      } else if (op < 0.55) {
        expect(m.peek(k)).toBe(ref.get(k)?.v)
      } else if (op < 0.75) {
        m.set(k, step, now)
        touch(k, step, now)
      } else if (op < 0.85) {
        const want = ref.get(k)?.v ?? step
        touch(k, want, now)
        expect(m.upsert(k, now, () => step)).toBe(want)
      } else if (op < 0.95) {
        expect(m.delete(k)).toBe(ref.delete(k))
      } else {
        now += Math.floor(rand() * 20)
        m.evictIdle(now)
        for (const [rk, r] of ref) if (r.last < now - 30) {
          ref.delete(rk)
          refGone.push(`${rk}=${r.v}`)
        }
      }
      while (ref.size > 5) {
        const [rk, r] = ref.entries().next().value as [string, { v: number; last: number }]
        ref.delete(rk)
        refGone.push(`${rk}=${r.v}`)
      }
    }
    expect(gone).toEqual(refGone)
    expect([...m.entries()]).toEqual([...ref].map(([k, r]) => [k, r.v]))
  })
})

describe('ClientRecords', () => {
  it('gives each table what a BoundedMap of its own would hold and evict, in the same order', () => {
    const records = new ClientRecords()
    const log: string[] = []
    const expected: string[] = []
    const opts = (name: string, out: string[], idleMs: number) => ({ maxEntries: 50, idleMs, onEvict: (k: string, v: number) => out.push(`${name} ${k}=${v}`) })
    const tables = [records.table<number>(opts('a', log, 300)), records.table<number>(opts('b', log, 1000))]
    const own = [new BoundedMap<string, number>(opts('a', expected, 300)), new BoundedMap<string, number>(opts('b', expected, 1000))]
    const rand = mulberry32(7)
    let now = 0
    for (let i = 0; i < 20_000; i++) {
      now += Math.floor(rand() * 5)
      const t = Math.floor(rand() * 2)
      const key = `ip\u0000${Math.floor(rand() * 120)}`
      const op = rand()
      const mine = tables[t]!
      const theirs = own[t]!
      if (op < 0.4) expect(mine.use(key, now)).toBe(theirs.use(key, now))
      else if (op < 0.8) {
        mine.set(key, i, now)
        theirs.set(key, i, now)
      } else if (op < 0.9) expect(mine.peek(key)).toBe(theirs.peek(key))
      else if (op < 0.95) expect(mine.delete(key)).toBe(theirs.delete(key))
      else {
        mine.evictIdle(now)
        theirs.evictIdle(now)
      }
      expect(mine.size).toBe(theirs.size)
    }
    for (const t of tables) t.flush()
    for (const t of own) t.flush()
    expect(log.length).toBeGreaterThan(1000)
    expect(log).toEqual(expected)
  })

  it('holds one record per client for all its tables, and none once every table has let it go', () => {
    const records = new ClientRecords()
    const visits = records.table<string>({ maxEntries: 2, idleMs: 100 })
    const pages = records.table<number>({ maxEntries: 10 })
    visits.set('ip\u00001', 'v1', 0)
    pages.set('ip\u00001', 3, 0)
    visits.set('ip\u00002', 'v2', 10)
    expect(records.size).toBe(2)
    // The cap of one table evicts its own entry only: the client stays while another table holds it.
    visits.set('ip\u00003', 'v3', 20)
    expect(visits.peek('ip\u00001')).toBeUndefined()
    expect(pages.peek('ip\u00001')).toBe(3)
    expect(records.size).toBe(3)
    pages.delete('ip\u00001')
    expect(records.size).toBe(2)
    visits.evictIdle(1000)
    expect(records.size).toBe(0)
    expect(visits.size + pages.size).toBe(0)
  })

  it('stays bounded by its tables\' caps under a flood of distinct clients', () => {
    const records = new ClientRecords()
    const a = records.table<number>({ maxEntries: 1000 })
    const b = records.table<number>({ maxEntries: 300 })
    for (let i = 0; i < 200_000; i++) {
      a.set(`ip\u0000${i}`, i, i)
      if (i % 3 === 0) b.set(`session\u0000${i}`, i, i)
    }
    expect(a.size).toBe(1000)
    expect(b.size).toBe(300)
    expect(records.size).toBe(1300)
  })

  it('lets an eviction give the evicted client an entry in another table', () => {
    const records = new ClientRecords()
    const rendered = records.table<string>({ maxEntries: 10 })
    const visits = records.table<string>({ maxEntries: 10, idleMs: 50, onEvict: (key, ua) => rendered.set(key, ua, 100) })
    visits.set('ip\u00001', 'Chrome', 0)
    visits.evictIdle(100)
    expect(visits.peek('ip\u00001')).toBeUndefined()
    expect(rendered.peek('ip\u00001')).toBe('Chrome')
    expect(records.size).toBe(1)
  })})

describe('PartTable (a detector\'s parts of the client records)', () => {
  interface Part extends RecordPart {
    v: number
  }
  const part = (v: number, now: number): Part => ({ lruIndex: -1, lruStamp: 0, lruLast: now, record: null, v })

  it('ends what a BoundedMap with the same options would evict, when and in the order it would', () => {
    const records = new ClientRecords()
    const ended: string[] = []
    const expected: string[] = []
    const parts = records.parts<Part>({ maxEntries: 50, idleMs: 300, end: (p, key) => ended.push(`${key}=${p.v}`) })
    const other = records.table<number>({ maxEntries: 80, idleMs: 1000 })
    const own = new BoundedMap<string, number>({ maxEntries: 50, idleMs: 300, onEvict: (k, v) => expected.push(`${k}=${v}`) })
    const rand = mulberry32(11)
    let now = 0
    for (let i = 0; i < 20_000; i++) {
      now += Math.floor(rand() * 5)
      const key = `ip\u0000${Math.floor(rand() * 120)}`
      const op = rand()
      const mine = parts.get(key)
      expect(mine?.v).toBe(own.peek(key))
      if (op < 0.4) {
        if (mine !== undefined) parts.touch(mine, now)
        own.use(key, now)
      } else if (op < 0.8) {
        if (mine === undefined) parts.open(key, part(i, now), now)
        else {
          mine.v = i
          parts.touch(mine, now)
        }
        own.set(key, i, now)
      } else if (op < 0.85) {
        if (mine !== undefined) parts.delete(mine)
        own.delete(key)
      } else if (op < 0.9) other.set(key, i, now)
      else {
        parts.evictIdle(now)
        own.evictIdle(now)
      }
      expect(parts.size).toBe(own.size)
    }
    parts.flush()
    own.flush()
    expect(ended.length).toBeGreaterThan(1000)
    expect(ended).toEqual(expected)
  })

  it('calls the end hook once per part, with the part out of its record, and drops a record nothing holds', () => {
    const records = new ClientRecords()
    const calls: Part[] = []
    const visits = records.parts<Part>({ maxEntries: 2, idleMs: 100, end: (p, key) => {
      expect(p.record).toBeNull()
      expect(visits.get(key)).toBeUndefined()
      calls.push(p)
    } })
    const marks = records.table<number>({ maxEntries: 10 })
    const a = part(1, 0)
    visits.open('ip\u00001', a, 0)
    marks.set('ip\u00001', 7, 0)
    expect(visits.of(records.find('ip\u00001'))).toBe(a)
    visits.open('ip\u00002', part(2, 10), 10)
    // Past the cap the least recently used ends; its client stays while another table holds it.
    visits.open('ip\u00003', part(3, 20), 20)
    expect(calls).toEqual([a])
    expect(marks.peek('ip\u00001')).toBe(7)
    expect(records.size).toBe(3)
    visits.evictIdle(1000)
    visits.flush()
    expect(calls.map((p) => p.v)).toEqual([1, 2, 3])
    expect(records.size).toBe(1)
    // A part deleted by its detector ends without the hook.
    const d = part(4, 2000)
    visits.open('ip\u00004', d, 2000)
    visits.delete(d)
    visits.flush()
    expect(calls).toHaveLength(3)
    expect(records.size).toBe(1)
  })

  it('stays at its cap under a flood of distinct clients, and reuses an ended part', () => {
    const records = new ClientRecords()
    const free: Part[] = []
    const visits = records.parts<Part>({ maxEntries: 1000, idleMs: 50, end: (p) => free.push(p) })
    let made = 0
    for (let i = 0; i < 200_000; i++) {
      let p = free.pop()
      if (p === undefined) {
        p = part(i, i)
        made++
      }
      p.v = i
      visits.open(`ip\u0000${i}`, p, i)
    }
    expect(visits.size).toBe(1000)
    expect(records.size).toBe(1000)
    expect(made).toBe(1001)
    visits.evictIdle(200_000 + 51)
    expect(visits.size).toBe(0)
    expect(records.size).toBe(0)
  })
})

describe('LruList', () => {
  interface Item extends LruLinks {
    name: string
  }
  const item = (name: string): Item => ({ name, lruIndex: -1, lruStamp: 0, lruLast: 0 })

  it('evicts the least recently used past its cap and the idle by event time, like BoundedMap', () => {
    const gone: string[] = []
    const list = new LruList<Item>({ maxEntries: 2, idleMs: 100, onEvict: (i) => gone.push(i.name) })
    const [a, b, c] = [item('a'), item('b'), item('c')]
    list.add(a, 0)
    list.add(b, 10)
    list.touch(a, 20)
    list.add(c, 30)
    expect(gone).toEqual(['b'])
    expect(b.lruIndex).toBe(-1)
    // Touching an evicted entry does nothing; it can be added again (reused).
    list.touch(b, 40)
    expect(list.size).toBe(2)
    list.evictIdle(125)
    expect(gone).toEqual(['b', 'a'])
    list.add(b, 130)
    list.flush()
    expect(gone).toEqual(['b', 'a', 'c', 'b'])
    expect(list.size).toBe(0)
  })

  it('evicts in the same order as a plain recency list under random adds, touches, removals and idle sweeps', () => {
    const rand = mulberry32(7)
    for (let trial = 0; trial < 20; trial++) {
      const max = 1 + Math.floor(rand() * 12)
      const gone: string[] = []
      const list = new LruList<Item>({ maxEntries: max, idleMs: 50, onEvict: (i) => gone.push(i.name) })
      // The model: listed entries from least to most recently used, with the time of last use.
      const model: { item: Item; last: number }[] = []
      const expected: string[] = []
      const pool = Array.from({ length: 30 }, (_, i) => item(`i${i}`))
      let now = 0
      for (let step = 0; step < 600; step++) {
        now += Math.floor(rand() * 4)
        const it = pool[Math.floor(rand() * pool.length)]!
        const at = model.findIndex((m) => m.item === it)
        const op = rand()
        if (op < 0.45) {
          if (at < 0) {
            list.add(it, now)
            model.push({ item: it, last: now })
            if (model.length > max) expected.push(model.shift()!.item.name)
          } else {
            list.touch(it, now)
            const [m] = model.splice(at, 1)
            model.push({ item: it, last: Math.max(m!.last, now) })
          }
        } else if (op < 0.55) {
          list.remove(it)
          if (at >= 0) model.splice(at, 1)
        } else if (op < 0.6) {
          list.evictIdle(now)
          while (model.length > 0 && model[0]!.last < now - 50) expected.push(model.shift()!.item.name)
        } else {
          // Touching an entry that is not listed does nothing.
          list.touch(it, now)
          if (at >= 0) {
            const [m] = model.splice(at, 1)
            model.push({ item: it, last: Math.max(m!.last, now) })
          }
        }
        expect(list.size).toBe(model.length)
      }
      expect(gone).toEqual(expected)
      expect([...list].map((i) => i.name)).toEqual(model.map((m) => m.item.name))
      list.flush()
      expect(gone).toEqual([...expected, ...model.map((m) => m.item.name)])
    }
  })

  it('stays at its cap with 1M entries', () => {
    let evicted = 0
    const list = new LruList<Item>({ maxEntries: 1000, onEvict: () => evicted++ })
    for (let i = 0; i < 1_000_000; i++) list.add(item(''), i)
    expect(list.size).toBe(1000)
    expect(evicted).toBe(999_000)
  })
})

describe('GenerationalCache', () => {
  it('holds at most two generations whatever the number of keys', () => {
    const c = new GenerationalCache<number, number>(1000)
    for (let i = 0; i < 1_000_000; i++) if (c.get(i) === undefined) c.set(i, i)
    expect(c.size).toBe(2000)
    expect(c.get(999_999)).toBe(999_999)
    expect(c.get(0)).toBeUndefined()
  })

  it('keeps a key that is read in every generation and forgets one that is not', () => {
    const c = new GenerationalCache<string, string | null>(2)
    c.set('kept', null)
    c.set('dropped', 'x')
    for (let i = 0; i < 10; i++) {
      expect(c.get('kept')).toBeNull()
      c.set(`k${i}`, 'v')
    }
    expect(c.get('dropped')).toBeUndefined()
  })
})

describe('DistinctCounter', () => {
  it('counts the same through its array, set and sketch stages, and again after clear', () => {
    const d = new DistinctCounter({ exactLimit: 20 })
    const seen = new Set<string>()
    for (let i = 0; i < 60; i++) {
      const v = `v${(i * 7) % 25}`
      d.add(v)
      seen.add(v)
      if (seen.size <= 20) expect(d.count()).toBe(seen.size)
    }
    expect(d.exact).toBe(false)
    d.clear()
    expect(d.exact).toBe(true)
    expect(d.count()).toBe(0)
    for (const v of ['x', 'y', 'x']) d.add(v)
    expect(d.count()).toBe(2)
  })

  it('is exact below its threshold', () => {
    const d = new DistinctCounter({ exactLimit: 100 })
    for (let i = 0; i < 300; i++) d.add(`v${i % 80}`)
    expect(d.exact).toBe(true)
    expect(d.count()).toBe(80)
  })

  it('estimates large cardinalities within 3 standard errors (about 10% at precision 10)', () => {
    for (const n of [1000, 3000, 100_000, 1_000_000]) {
      const d = new DistinctCounter()
      for (let i = 0; i < n; i++) d.add(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`)
      expect(d.exact).toBe(false)
      expect(Math.abs(d.count() - n) / n).toBeLessThan(0.1)
    }
  })
})

describe('InterArrival', () => {
  it('gives a zero CV for a timer and a CV near 1 for exponential gaps', () => {
    const timer = new InterArrival()
    for (let i = 0; i < 100; i++) timer.add(i * 1000)
    expect(timer.cv).toBe(0)
    expect(timer.meanMs).toBe(1000)
    const poisson = new InterArrival()
    let t = 0
    let x = 12345
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31
      t += -Math.log((x + 1) / 2 ** 31) * 1000
      poisson.add(t)
    }
    expect(poisson.cv).toBeGreaterThan(0.9)
    expect(poisson.cv).toBeLessThan(1.1)
  })
})

describe('window counters', () => {
  it('sliding counter forgets buckets older than the window', () => {
    const c = new SlidingCounter(10_000, 10)
    for (let s = 0; s < 30; s++) c.add(s * 1000)
    expect(c.total(29_000)).toBe(10)
    expect(c.total(45_000)).toBe(0)
    c.clear()
    expect(c.total(29_000)).toBe(0)
    // Cleared slots take any bucket again, even older ones than they held.
    c.add(5000)
    expect(c.total(5000)).toBe(1)
  })

  it('tumbling counter restarts at each aligned window', () => {
    const c = new TumblingCounter(60_000)
    c.add(1000)
    c.add(59_000)
    expect(c.add(60_000)).toBe(1)
    expect(c.count(61_000)).toBe(1)
    expect(c.count(200_000)).toBe(0)
  })
})

describe('EwmaRate', () => {
  it('converges on a steady rate and decays after it stops', () => {
    const r = new EwmaRate(10_000)
    for (let t = 0; t <= 120_000; t += 100) r.add(t)
    expect(r.rate(120_000)).toBeGreaterThan(9)
    expect(r.rate(120_000)).toBeLessThan(11)
    expect(r.rate(220_000)).toBeLessThan(0.01)
  })
})

describe('TopK', () => {
  it('keeps the heavy hitters in k counters', () => {
    const t = new TopK(20)
    for (let i = 0; i < 10_000; i++) t.add(i % 10 === 0 ? 'heavy' : `x${i}`)
    expect(t.size).toBe(20)
    expect(t.top(1)[0]?.value).toBe('heavy')
  })
})

describe('EntityWindows', () => {
  it('answers an open window early at a size, then each time it has grown by half', () => {
    const w = new EntityWindows<{ n: number }>({ windowMs: 60_000, maxEntries: 10, create: () => ({ n: 0 }), onClose: () => undefined })
    const answered: number[] = []
    for (let t = 0; t < 200; t++) {
      const p = w.touch(t % 2 === 0 ? 'a' : 'b', 1000 + t)
      p.n++
      if (!Number.isNaN(w.earlyStart(p.n, 10)) && t % 2 === 0) answered.push(p.n)
    }
    expect(answered).toEqual([10, 15, 23, 35, 53, 80])
    // The start reported is the window's, and a new window starts counting again.
    const p = w.touch('a', 70_000)
    p.n = 10
    expect(w.earlyStart(p.n, 10)).toBe(70_000)
  })

  it('closes a window on the next event after it ends, on sweep, and at flush', () => {
    const closed: string[] = []
    const w = new EntityWindows<{ n: number }>({
      windowMs: 1000,
      maxEntries: 10,
      create: () => ({ n: 0 }),
      onClose: (k, p, s, l) => closed.push(`${k}:${p.n}:${s}-${l}`),
    })
    w.touch('a', 0).n++
    w.touch('a', 500).n++
    w.touch('a', 1200).n++
    w.touch('b', 1300).n++
    w.sweep(2300)
    w.touch('c', 2400).n++
    w.flush()
    expect(closed).toEqual(['a:2:0-500', 'a:1:1200-1200', 'b:1:1300-1300', 'c:1:2400-2400'])
  })

  it('closes the least recently used window past its cap, not the oldest opened, and flushes in that order', () => {
    const closed: string[] = []
    const w = new EntityWindows<{ n: number }>({
      windowMs: 60_000,
      maxEntries: 3,
      create: () => ({ n: 0 }),
      onClose: (k, p) => closed.push(`${k}:${p.n}`),
    })
    w.touch('a', 0).n++
    w.touch('b', 10).n++
    w.touch('c', 20).n++
    // Touched again, 'a' is now the most recent: the fourth window pushes out 'b'.
    w.touch('a', 30).n++
    w.touch('d', 40).n++
    expect(closed).toEqual(['b:1'])
    expect(w.size).toBe(3)
    w.touch('c', 50).n++
    w.flush()
    expect(closed).toEqual(['b:1', 'a:2', 'd:1', 'c:2'])
  })

  it('sweeps only ended windows, never a reopened one early, with state bounded by the cap', () => {
    const closed: string[] = []
    const w = new EntityWindows<{ n: number }>({
      windowMs: 1000,
      maxEntries: 100,
      create: () => ({ n: 0 }),
      onClose: (k, p, s) => closed.push(`${k}@${s}`),
    })
    // Each key reopens every 1000 ms, leaving its old opening behind in the sweep queue.
    for (let t = 0; t < 50_000; t += 10) {
      w.touch(`k${(t / 10) % 50}`, t)
      if (t % 1000 === 0) w.sweep(t)
    }
    expect(w.size).toBe(50)
    const n = closed.length
    w.sweep(49_999)
    expect(closed.length).toBe(n)
    w.sweep(50_000 + 1000)
    expect(closed.length).toBe(n + 50)
    expect(new Set(closed).size).toBe(closed.length)
  })
})

describe('EntityWindows with reused profiles', () => {
  it('scores every window with its own events when closed records are reset and reused', () => {
    const closed: string[] = []
    let created = 0
    const w = new EntityWindows<{ n: number; seen: string[] }>({
      windowMs: 1000,
      maxEntries: 3,
      create: () => {
        created++
        return { n: 0, seen: [] }
      },
      reset: (p) => {
        p.n = 0
        p.seen.length = 0
      },
      onClose: (k, p, s) => closed.push(`${k}@${s}:${p.n}:${p.seen.join('')}`),
    })
    const see = (k: string, t: number): void => {
      const p = w.touch(k, t)
      p.n++
      p.seen.push(k)
    }
    see('a', 0)
    see('b', 100)
    see('a', 200)
    w.sweep(1100)
    // Both records are free now: new windows reuse them, and the stale queue entries of the
    // old windows must not close the new ones early.
    see('c', 1200)
    see('d', 1300)
    w.sweep(1500)
    expect(closed).toEqual(['a@0:2:aa', 'b@100:1:b'])
    see('c', 2300)
    see('e', 2400)
    see('f', 2450)
    see('g', 2500)
    w.flush()
    expect(closed).toEqual(['a@0:2:aa', 'b@100:1:b', 'c@1200:1:c', 'd@1300:1:d', 'c@2300:1:c', 'e@2400:1:e', 'f@2450:1:f', 'g@2500:1:g'])
    expect(created).toBeLessThan(closed.length)
  })

  it('reopens an ended window in its own record as the most recently used, queued anew for sweep', () => {
    const closed: string[] = []
    let created = 0
    const w = new EntityWindows<{ n: number }>({
      windowMs: 1000,
      maxEntries: 2,
      create: () => {
        created++
        return { n: 0 }
      },
      reset: (p) => {
        p.n = 0
      },
      onClose: (k, p, s, l) => closed.push(`${k}@${s}-${l}:${p.n}`),
    })
    const first = w.touch('a', 0)
    first.n++
    w.touch('a', 900).n++
    w.touch('b', 950).n++
    // 'a' has ended: its next event closes it and opens the next window in the same record.
    const reopened = w.touch('a', 1200)
    reopened.n++
    expect(closed).toEqual(['a@0-900:2'])
    expect(reopened).toBe(first)
    expect(reopened.n).toBe(1)
    // Past the cap the least recently used goes, which is 'b' now, not the reopened 'a'.
    w.touch('c', 1300).n++
    expect(closed).toEqual(['a@0-900:2', 'b@950-950:1'])
    // The first window's opening is still queued; it must not close the second one early.
    w.sweep(2100)
    expect(closed).toEqual(['a@0-900:2', 'b@950-950:1'])
    w.sweep(2200)
    expect(closed).toEqual(['a@0-900:2', 'b@950-950:1', 'a@1200-1200:1'])
    expect(w.size).toBe(1)
    // 'c' is made before the cap closes 'b' (as BoundedMap inserts, then evicts).
    expect(created).toBe(3)
  })
})

describe('EntityWindows recent windows', () => {
  it('never answers a key with a window that was closed, evicted or reused for another key since', () => {
    const closed: string[] = []
    const w = new EntityWindows<{ n: number; k: string }>({
      windowMs: 1000,
      maxEntries: 2,
      create: () => ({ n: 0, k: '' }),
      reset: (p) => {
        p.n = 0
        p.k = ''
      },
      onClose: (k, p, s) => closed.push(`${k}@${s}:${p.n}`),
    })
    const see = (k: string, t: number): { n: number; k: string } => {
      const p = w.touch(k, t)
      expect(p.k === '' || p.k === k).toBe(true)
      p.k = k
      p.n++
      return p
    }
    see('a', 0)
    see('b', 10)
    see('a', 20)
    // 'b' is the least recently used: 'c' evicts it and may take its record; 'b' gets a new window.
    see('c', 30)
    expect(see('b', 40).n).toBe(1)
    expect(closed).toEqual(['b@10:1', 'a@0:2'])
    // Swept and reused: the two most recent records now hold other keys' windows.
    w.sweep(1100)
    see('d', 1200)
    see('e', 1210)
    expect(see('c', 1220).n).toBe(1)
    w.flush()
    expect(new Set(closed).size).toBe(closed.length)
  })

  it('opens a new window for a key whose last window was swept while it was among the recent', () => {
    const closed: string[] = []
    const w = new EntityWindows<{ n: number }>({
      windowMs: 1000,
      maxEntries: 10,
      create: () => ({ n: 0 }),
      reset: (p) => {
        p.n = 0
      },
      onClose: (k, p, s) => closed.push(`${k}@${s}:${p.n}`),
    })
    w.touch('x', 0).n++
    w.touch('y', 0).n++
    w.sweep(1000)
    w.touch('y', 1500).n++
    w.flush()
    expect(closed).toEqual(['x@0:1', 'y@0:1', 'y@1500:1'])
  })
})

describe('SharedEntityWindows', () => {
  interface Tally {
    n: number
  }
  const tallied = (closed: string[], name: string) => ({
    create: (): Tally => ({ n: 0 }),
    reset: (p: Tally): void => {
      p.n = 0
    },
    onClose: (k: string, p: Tally, s: number, l: number): void => {
      closed.push(`${name} ${k}@${s}-${l}:${p.n}`)
    },
  })

  it('gives each detector the windows and early answers it would have alone, scoring only those it touched', () => {
    const shared: string[] = []
    const alone: string[] = []
    const table = new SharedEntityWindows(1000, 1000)
    const a = table.join(tallied(shared, 'a'))
    const b = table.join(tallied(shared, 'b'))
    const soloA = new EntityWindows<Tally>({ windowMs: 1000, maxEntries: 1000, ...tallied(alone, 'a') })
    const soloB = new EntityWindows<Tally>({ windowMs: 1000, maxEntries: 1000, ...tallied(alone, 'b') })
    const rand = mulberry32(11)
    // Each detector's early answers, shared then alone, in pairs.
    const early: string[] = []
    for (let t = 0; t < 50_000; t += 3) {
      const k = `k${Math.floor(rand() * 40)}`
      const device = rand() < 0.3 ? `d${Math.floor(rand() * 5)}` : null
      for (const [view, solo, name] of [[a, soloA, 'a'], [b, soloB, 'b']] as const) {
        const p = view.touch(k, t)
        p.n++
        const q = solo.touch(k, t)
        q.n++
        early.push(`${name} ${view.earlyStart(p.n, 3)}`, `${name} ${solo.earlyStart(q.n, 3)}`)
        // 'a' also windows device keys, which 'b' never touches.
        if (name === 'a' && device !== null) {
          a.touch(device, t).n++
          soloA.touch(device, t).n++
        }
      }
      if (t % 300 === 0) {
        a.sweep(t)
        b.sweep(t)
        soloA.sweep(t)
        soloB.sweep(t)
      }
    }
    a.flush()
    b.flush()
    soloA.flush()
    soloB.flush()
    // The interleaving of the two detectors' closings differs (one table closes a key for both),
    // each detector's own sequence must not.
    const of = (name: string, xs: string[]): string[] => xs.filter((x) => x.startsWith(`${name} `))
    expect(of('a', shared)).toEqual(of('a', alone))
    expect(of('b', shared)).toEqual(of('b', alone))
    expect(of('b', shared).length).toBeGreaterThan(1000)
    for (let i = 0; i < early.length; i += 2) expect(early[i]).toBe(early[i + 1])
    expect(early.filter((x) => !x.endsWith('NaN')).length).toBeGreaterThan(1000)
  })

  it('stays within its cap over a million distinct keys', () => {
    const table = new SharedEntityWindows(60_000, 1000)
    let closed = 0
    const count = { create: () => ({ n: 0 }), reset: (p: { n: number }) => void (p.n = 0), onClose: () => void closed++ }
    const a = table.join(count)
    const b = table.join(count)
    for (let i = 0; i < 1_000_000; i++) {
      a.touch(`ip${i}`, i)
      b.touch(`ip${i}`, i)
    }
    expect(table.size).toBe(1000)
    expect(closed).toBe(2 * (1_000_000 - 1000))
  })
})

describe('hashes', () => {
  it('are deterministic and spread', () => {
    expect(hash32('abc')).toBe(hash32('abc'))
    expect(hash32('abc')).not.toBe(hash32('abd'))
    expect(hashHex('x')).toMatch(/^[0-9a-f]{32}$/)
  })
})
