/** The "peers" section of docs/benchmarks.md: the adapter against Drizzle and Kysely on the hot paths. */
import { perSec, table, times, us } from './format.js'
import type { BenchResults, EngineOps, OpResult } from './results.js'
import { ratio } from './stats.js'

/** The fastest peer's median on `o`, with its name; undefined when no peer ran. */
export function fastestPeer(o: OpResult): { name: string; medianUs: number } | undefined {
  let best: { name: string; medianUs: number } | undefined
  for (const [name, summary] of Object.entries(o.peers ?? {})) {
    if (Number.isNaN(summary.medianUs)) continue
    if (best === undefined || summary.medianUs < best.medianUs) best = { name, medianUs: summary.medianUs }
  }
  return best
}

function engineTable(e: EngineOps, callers: number): string {
  const names = Object.keys(e.peerLabels ?? {})
  const header = ['Operation', 'adapter µs', ...names.map((n) => `${n} µs`), 'raw µs']
  header.push(
    'fastest peer / adapter',
    'client CPU µs/call: adapter',
    ...names.map((n) => n),
    `adapter ops/s ×${callers}`,
    ...names.map((n) => `${n} ops/s`),
  )
  const rows = e.ops
    .filter((o) => o.peers !== undefined)
    .map((o) => {
      const best = fastestPeer(o)
      return [
        o.op,
        us(o.adapter?.medianUs),
        ...names.map((n) => us(o.peers?.[n]?.medianUs)),
        us(o.raw?.medianUs),
        best === undefined ? '–' : `${times(ratio(best.medianUs, o.adapter?.medianUs))} (${best.name})`,
        us(o.adapter?.cpuUs),
        ...names.map((n) => us(o.peers?.[n]?.cpuUs)),
        perSec(o.adapter?.opsPerSec),
        ...names.map((n) => perSec(o.peers?.[n]?.opsPerSec)),
      ]
    })
  return table(header, rows)
}

/** One table per engine where peers ran, or a sentence saying none did. */
export function peersSection(r: BenchResults): string {
  const engines = r.ops.filter((e) => e.peerLabels !== undefined)
  if (engines.length === 0) return 'Not measured in this run.'
  const lines = [
    'The hot paths written the way a newcomer would with Drizzle and with Kysely (their documented',
    'builders, one pool each of the same size as knex’s, rows mapped to the same models, the same',
    'statements and round trips as the adapter, no validation layer), timed in the same run as the adapter',
    'and the raw driver. *Fastest peer / adapter* above 1 means the adapter is that many times faster; the',
    'adapter pays for `guardRepos` (validation and copies of the input) as well. *Client CPU* is this',
    "process's CPU time per sequential call (library, driver, event loop; not the server's work): the part",
    'each library adds, and much steadier than latency on a shared machine. Code:',
    '`packages/bench/src/bench/peers/`.',
    '',
  ]
  for (const e of engines) {
    const labels = Object.values(e.peerLabels ?? {}).join(', ')
    lines.push(`### ${e.engine} — ${labels}`, '', engineTable(e, r.callers), '')
  }
  return lines.join('\n').trimEnd()
}
