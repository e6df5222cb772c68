/** The per-engine, growth, suite and mutant tables of docs/benchmarks.md. */
import { perSec, seconds, table, times, us } from './format.js'
import type { BenchResults, EngineOps, OpResult } from './results.js'
import { quantile, ratio } from './stats.js'
import {
  contractFloorParts,
  contractFloorUs,
  FLAT_LIMIT,
  floorOf,
  growthRatios,
  type MemoryLimit,
  memoryLimit,
} from './targets.js'

const trips = (o: OpResult): string =>
  o.roundTrips === undefined
    ? '–'
    : `${Number.isInteger(o.roundTrips) ? o.roundTrips : o.roundTrips.toFixed(2)} / ${o.documentedRoundTrips}`

const failed = (o: OpResult): string[] | undefined =>
  o.adapter === undefined ? [o.op, `not measured: ${o.error ?? 'no result'}`] : undefined

export function sqlTable(e: EngineOps, callers: number): string {
  const header = ['Operation', 'adapter median µs', 'p99', 'raw median µs', 'p99', 'latency ratio']
  header.push(
    `adapter ops/s ×${callers}`,
    `raw ops/s ×${callers}`,
    'throughput ratio',
    'client CPU µs/call adapter / raw',
    'round trips (measured / README)',
  )
  const rows = e.ops.map(
    (o) =>
      failed(o) ?? [
        o.op,
        us(o.adapter?.medianUs),
        us(o.adapter?.p99Us),
        us(o.raw?.medianUs),
        us(o.raw?.p99Us),
        times(ratio(o.adapter?.medianUs, o.raw?.medianUs)),
        perSec(o.adapter?.opsPerSec),
        perSec(o.raw?.opsPerSec),
        times(ratio(o.raw?.opsPerSec, o.adapter?.opsPerSec)),
        `${us(o.adapter?.cpuUs)} / ${us(o.raw?.cpuUs)}`,
        trips(o),
      ],
  )
  return table(header, rows)
}

/** A list read's limit spelled out: per row, and what that makes for the rows it returned. */
const limitText = (l: MemoryLimit): string =>
  l.rows === undefined
    ? `${l.kind} ≤ ${l.limit}×`
    : `${l.kind} ≤ ${l.limit / Math.max(1, l.rows)}× per row (${l.rows} rows: ${l.limit}×)`

/** The contract's share of one call: its parts, µs, and × the Map get of the op's slices. */
const contractFloorText = (o: OpResult, e: EngineOps, floor: number | undefined): string => {
  const parts = contractFloorParts(o, e)
  const cost = contractFloorUs(o, e)
  return parts === undefined || cost === undefined
    ? '–'
    : `${parts} = ${us(cost)} µs (${times(ratio(cost, floor), 1)})`
}

export function memoryTable(e: EngineOps, callers: number): string {
  const header = [
    'Operation',
    'median µs',
    'p99',
    'unguarded median µs',
    'guard share',
    '× Map get',
    'limit (issue 17)',
    'verdict',
    'Map get µs (same slices)',
    'contract floor (fresh Dates, MFA check)',
    `ops/s ×${callers}`,
  ]
  const rows = e.ops.map((o) => {
    const opFloor = floorOf(o, e)
    const x = ratio(o.adapter?.medianUs, opFloor)
    const limit = memoryLimit(o)
    const verdict = Number.isNaN(x) ? '–' : x <= limit.limit ? 'within' : '**over**'
    return (
      failed(o) ?? [
        o.op,
        us(o.adapter?.medianUs),
        us(o.adapter?.p99Us),
        us(o.unguarded?.medianUs),
        o.adapter === undefined || o.unguarded === undefined
          ? '–'
          : `${Math.round((100 * (o.adapter.medianUs - o.unguarded.medianUs)) / o.adapter.medianUs)} %`,
        times(x, 1),
        limitText(limit),
        verdict,
        us(opFloor),
        contractFloorText(o, e, opFloor),
        perSec(o.adapter?.opsPerSec),
      ]
    )
  })
  return table(header, rows)
}

export function mongoTable(e: EngineOps, callers: number): string {
  const rows = e.ops.map(
    (o) =>
      failed(o) ?? [
        o.op,
        us(o.adapter?.medianUs),
        us(o.adapter?.p99Us),
        perSec(o.adapter?.opsPerSec),
        o.roundTrips?.toFixed(2) ?? '–',
      ],
  )
  return table(['Operation', 'median µs', 'p99', `ops/s ×${callers}`, 'commands per call'], rows)
}

export function growthTable(r: BenchResults): string {
  const sizes = [...new Set(r.growth.map((p) => p.rows))].sort((a, b) => a - b)
  const growth = growthRatios(r)
  const rows = growth.map((g) => {
    const cells = sizes.map((size) => {
      const p = r.growth.find((x) => x.engine === g.engine && x.op === g.op && x.rows === size)
      return p === undefined ? '' : `${us(p.medianUs)} (p99 ${us(p.p99Us)})`
    })
    const verdict = g.op === 'blacklist.purgeExpired' ? 'info' : g.growth <= FLAT_LIMIT ? 'flat' : '**grows**'
    return [g.engine, g.op, ...cells, times(g.growth), verdict]
  })
  return table(
    [
      'Engine',
      'Probe',
      ...sizes.map((s) => `${s.toLocaleString('en')} rows µs`),
      'largest / smallest',
      'verdict',
    ],
    rows,
  )
}

export function suiteTable(r: BenchResults): string {
  return table(
    ['Target', 'Engine', 'wall time', 'checks passed', 'certified'],
    r.suites.map((s) => [
      s.target,
      s.engine,
      s.note ?? seconds(s.durationMs),
      `${s.passed}/${s.checks}`,
      s.certified ? 'yes' : 'no',
    ]),
  )
}

export function mutantSummary(r: BenchResults): string {
  const caught = r.mutants.flatMap((m) => (m.firstFailureMs === undefined ? [] : [m.firstFailureMs]))
  const escaped = r.mutants.filter((m) => m.firstFailureMs === undefined)
  const slowest = [...r.mutants]
    .filter((m) => m.firstFailureMs !== undefined)
    .sort((a, b) => (b.firstFailureMs ?? 0) - (a.firstFailureMs ?? 0))
    .slice(0, 5)
  const lines = [
    table(
      ['mutants timed', 'caught', 'median to first failure', 'p90', 'max', 'total wall'],
      [
        [
          String(r.mutants.length),
          String(caught.length),
          seconds(quantile(caught, 0.5)),
          seconds(quantile(caught, 0.9)),
          seconds(quantile(caught, 1)),
          seconds(r.mutants.reduce((s, m) => s + m.totalMs, 0)),
        ],
      ],
    ),
    '',
    'Slowest to catch:',
    '',
    table(
      ['Mutant', 'first failed check', 'time'],
      slowest.map((m) => [m.id, m.firstFailedCheck ?? '–', seconds(m.firstFailureMs)]),
    ),
  ]
  if (escaped.length > 0)
    lines.push(
      '',
      `Not caught by any check (full suite ran): ${escaped.map((m) => `\`${m.id}\``).join(', ')}.`,
    )
  return lines.join('\n')
}
