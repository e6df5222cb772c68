/**
 * Issue 17's memory limits as the report applies them: a list read is held to the lookup limit per
 * row it returns, and the rows and fresh `Date`s behind that are counted from a real result.
 */
import { createMemoryRepos } from '@regstack/adapter-memory'
import { FrozenClock } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
import { countDates, countRows } from '../src/bench/op-bench.js'
import { newUser } from '../src/bench/op-spec.js'
import { memoryTable } from '../src/bench/render-tables.js'
import type { EngineOps, OpResult } from '../src/bench/results.js'
import type { Summary } from '../src/bench/stats.js'
import {
  contractFloorUs,
  floorOf,
  MEMORY_LOOKUP_LIMIT,
  MEMORY_WRITE_LIMIT,
  memoryLimit,
} from '../src/bench/targets.js'

const summary = (medianUs: number): Summary => ({ medianUs, p99Us: medianUs, opsPerSec: 1e6 / medianUs })

describe('memoryLimit', () => {
  it('holds a point lookup to 5× and a write to 15× the Map get', () => {
    expect(memoryLimit({ op: 'users.getById' })).toEqual({ kind: 'lookup', limit: MEMORY_LOOKUP_LIMIT })
    expect(memoryLimit({ op: 'users.create' })).toEqual({ kind: 'write', limit: MEMORY_WRITE_LIMIT })
  })

  it('holds a list read to the lookup limit per row returned, and an empty list to one row', () => {
    expect(memoryLimit({ op: 'users.listPaged', rows: 50 })).toEqual({ kind: 'lookup', limit: 250, rows: 50 })
    expect(memoryLimit({ op: 'users.listPaged', rows: 0 })).toEqual({ kind: 'lookup', limit: 5, rows: 0 })
  })

  it('never loosens a write that happens to report rows', () => {
    expect(memoryLimit({ op: 'users.create', rows: 50 })).toEqual({
      kind: 'write',
      limit: MEMORY_WRITE_LIMIT,
    })
  })
})

describe('countRows', () => {
  it('counts the rows and the Date objects of a real page from the memory adapter', async () => {
    const clock = new FrozenClock(new Date('2026-01-15T12:00:00.000Z'))
    const repos = createMemoryRepos({ clock })
    for (let k = 0; k < 3; k++) await repos.users.create(newUser(`u${k}@bench.test`, clock))
    await repos.users.setLastLogin((await repos.users.getByEmail('u1@bench.test'))?.id ?? '', clock.now())
    const page = await repos.users.listPaged({ skip: 0, limit: 50, sortByCreatedAtDesc: true })
    // createdAt + updatedAt on every row, lastLogin on one.
    expect(countRows(page)).toEqual({ rows: 3, dates: 7 })
  })

  it('rejects a result that is not a list', () => {
    expect(() => countRows({ id: 'x' })).toThrow(TypeError)
  })
})

describe('memoryTable', () => {
  const op = (o: Partial<OpResult> & { op: string; adapter: Summary }): OpResult => ({
    documentedRoundTrips: 1,
    ...o,
  })
  const engine: EngineOps = {
    engine: 'memory',
    label: 'test',
    reference: true,
    counterLabel: 'none',
    floor: summary(0.2),
    dateFloor: summary(0.1),
    ops: [
      op({ op: 'users.listPaged', adapter: summary(20), rows: 50, dates: 100 }),
      op({ op: 'mfaCodes.find', adapter: summary(1.2) }),
    ],
  }
  const lines = memoryTable(engine, 8).split('\n')
  const row = (name: string): string => lines.find((l) => l.startsWith(`| ${name} `)) ?? ''

  it('shows a list read within its per-row limit, with its fresh-Date floor', () => {
    // 20 µs / 0.2 µs = 100× the Map get: over 5×, within 5× per row of 50 (250×).
    expect(row('users.listPaged')).toContain('lookup ≤ 5× per row (50 rows: 250×)')
    expect(row('users.listPaged')).toContain('| within |')
    expect(row('users.listPaged')).toContain('100 Dates × 0.10 = 10.0 µs (50.0×)')
  })

  it('still holds a point lookup to 5× the whole call', () => {
    expect(row('mfaCodes.find')).toContain('lookup ≤ 5×')
    expect(row('mfaCodes.find')).toContain('**over**')
  })
})

describe('per-operation floor and contract floor', () => {
  const engine: EngineOps = {
    engine: 'memory',
    label: 'test',
    reference: true,
    counterLabel: 'none',
    floor: summary(0.5),
    dateFloor: summary(0.1),
    mfaCheck: summary(1.5),
    ops: [
      // Its own slices' Map get (0.2 µs) decides: 0.9 / 0.2 = 4.5×, within; against the pass floor it would read 1.8×.
      { op: 'mfaCodes.find', documentedRoundTrips: 1, adapter: summary(0.9), floor: summary(0.2), dates: 2 },
      {
        op: 'mfaCodes.verify(ok)',
        documentedRoundTrips: 2,
        adapter: summary(4),
        floor: summary(0.2),
        dates: 0,
      },
      { op: 'users.count', documentedRoundTrips: 1, adapter: summary(0.6) },
    ],
  }
  const lines = memoryTable(engine, 8).split('\n')
  const row = (name: string): string => lines.find((l) => l.startsWith(`| ${name} `)) ?? ''

  it('divides each operation by the Map get timed in its own slices, else the pass floor', () => {
    expect(floorOf(engine.ops[0] as OpResult, engine)).toBe(0.2)
    expect(floorOf(engine.ops[2] as OpResult, engine)).toBe(0.5)
    expect(row('mfaCodes.find')).toContain('| 4.5× |')
    expect(row('users.count')).toContain('| 1.2× |')
  })

  it('prices the fresh Dates of a result and, for a verify, the MFA check', () => {
    expect(contractFloorUs(engine.ops[0] as OpResult, engine)).toBeCloseTo(0.2)
    expect(contractFloorUs(engine.ops[1] as OpResult, engine)).toBeCloseTo(1.5)
    expect(row('mfaCodes.verify(ok)')).toContain('0 Dates × 0.10 + MFA check 1.50 = 1.50 µs (7.5×)')
    expect(contractFloorUs(engine.ops[2] as OpResult, engine)).toBeUndefined()
  })

  it('counts the Dates of one model or of each model in a list', () => {
    const d = new Date(0)
    expect(countDates({ a: d, b: null, c: 'x' })).toBe(1)
    expect(countDates([{ a: d }, { a: d, b: d }])).toBe(3)
    expect(countDates(null)).toBe(0)
  })
})
