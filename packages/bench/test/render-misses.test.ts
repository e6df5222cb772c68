/** The report's account of every SQL operation over its limit: per-pass ratios and client CPU. */
import { describe, expect, it } from 'vitest'
import { missesSection } from '../src/bench/render-misses.js'
import type { BenchResults, EngineOps, OpResult } from '../src/bench/results.js'
import type { Summary } from '../src/bench/stats.js'

const side = (medianUs: number, opsPerSec: number, cpuUs: number): Summary => ({
  medianUs,
  p99Us: medianUs * 2,
  opsPerSec,
  cpuUs,
})

const op = (o: Partial<OpResult> & { op: string }): OpResult => ({ documentedRoundTrips: 1, ...o })

const results = (engine: string, ops: OpResult[]): BenchResults => {
  const e: EngineOps = { engine, label: 'test', reference: true, counterLabel: 'test', ops }
  return {
    generatedAt: '2026-12-05T00:00:00.000Z',
    quick: false,
    passes: 3,
    callers: 8,
    wallMs: 1,
    machine: { cpu: 'test', cores: 2, memoryGiB: 1, node: 'v20', os: 'test', engines: {}, drivers: {} },
    ops: [e],
    overhead: [],
    growth: [],
    suites: [],
    mutants: [],
    notes: [],
  }
}

describe('missesSection', () => {
  it('lists an operation over its limit with each pass and the client CPU of both sides', () => {
    const md = missesSection(
      results('postgres', [
        op({
          op: 'users.listPaged',
          adapter: side(130, 900, 190),
          raw: side(100, 1000, 160),
          passRatios: { latency: [1.3, 1.05, 1.31], throughput: [1.1, 1.12, 1.0] },
        }),
        op({ op: 'users.getById', adapter: side(100, 1000, 60), raw: side(100, 1000, 58) }),
      ]),
    )
    const lines = md.split('\n').filter((l) => l.startsWith('- '))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(
      'postgres `users.listPaged`: latency 1.30× (passes 1.30×, 1.05×, 1.31×: over in 2 of 3)',
    )
    // 1000 / 900 ops/s = 1.11×, over 1.10×, though only one pass was.
    expect(lines[0]).toContain('throughput 1.11× (passes 1.10×, 1.12×, 1.00×: over in 1 of 3)')
    expect(lines[0]).toContain('client CPU 190 µs per call against 160 µs (+30.0 µs)')
    expect(lines[0]).toContain('100 new `Date`s')
  })

  it('holds SQLite to 1.5× and says nothing when every operation is within', () => {
    const within = results('sqlite-file', [
      op({ op: 'users.count', adapter: side(14, 1000, 14), raw: side(10, 1400, 10) }),
    ])
    expect(missesSection(within)).toBe('')
    const over = results('sqlite-file', [
      op({ op: 'users.count', adapter: side(16, 1000, 15), raw: side(10, 1000, 10) }),
    ])
    expect(missesSection(over)).toContain(
      'sqlite-file `users.count`: latency 1.60×; client CPU 15.0 µs per call against 10.0 µs (+5.00 µs).',
    )
  })

  it('leaves out the memory adapter and engines without a raw floor', () => {
    expect(missesSection(results('memory', [op({ op: 'users.create', adapter: side(9, 1, 9) })]))).toBe('')
  })
})
