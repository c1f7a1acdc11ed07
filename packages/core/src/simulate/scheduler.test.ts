import { describe, expect, it } from 'vitest'
import type { Actor, AppEmission, Emission } from './emission.ts'
import { Scheduler } from './scheduler.ts'

function ev(ts: number, pop: string): AppEmission {
  return { kind: 'app', ts, pop, action: 'x', ip: '192.0.2.1', ua: 'u', sid: null, dev: null, uid: null, uname: null, card: null, fields: {} }
}

function* actor(pop: string, times: number[]): Actor {
  for (const t of times) yield ev(t, pop)
}

describe('Scheduler', () => {
  it('merges actors into one time-ordered stream, ties in insertion order', () => {
    const s = new Scheduler()
    s.add(actor('a', [1, 5, 9]))
    s.add(actor('b', [2, 5, 7]))
    const out: string[] = []
    for (let e = s.next(); e !== null; e = s.next()) out.push(`${e.pop}${e.ts}`)
    expect(out).toEqual(['a1', 'b2', 'a5', 'b5', 'b7', 'a9'])
  })

  it('starts spawned actors only when the clock reaches them', () => {
    const s = new Scheduler()
    let started = 0
    function* child(t: number): Actor {
      started++
      yield ev(t, 'c')
    }
    function* spawner(): Actor {
      for (let t = 10; t <= 1_000; t += 10) yield { kind: 'spawn', ts: t, actor: child(t) } satisfies Emission
    }
    s.add(spawner())
    s.add(actor('a', [15]))
    const first = [s.next(), s.next()]
    expect(first.map((e) => e?.ts)).toEqual([10, 15])
    expect(started).toBeLessThanOrEqual(2)
    expect(s.active).toBeLessThanOrEqual(3)
    let n = 2
    while (s.next() !== null) n++
    expect(n).toBe(101)
  })
})
