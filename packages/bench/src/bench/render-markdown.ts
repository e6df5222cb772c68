/** docs/benchmarks.md from one run's results; every sentence with a number is computed here. */
import { seconds, table, times, us } from './format.js'
import { missesSection } from './render-misses.js'
import { peersSection } from './render-peers.js'
import { growthTable, memoryTable, mongoTable, mutantSummary, sqlTable, suiteTable } from './render-tables.js'
import type { BenchResults, EngineOps } from './results.js'
import { median, ratio } from './stats.js'
import { floorOf, verdicts } from './targets.js'

const mark = (met: boolean | undefined): string =>
  met === undefined ? 'not measured' : met ? '**met**' : '**missed**'

/** Median over ops of what `guardRepos` adds in process (memory guarded − unguarded). */
function guardCostUs(r: BenchResults): number {
  const memory = r.ops.find((e) => e.engine === 'memory')
  return median(
    (memory?.ops ?? []).flatMap((o) =>
      o.adapter === undefined || o.unguarded === undefined ? [] : [o.adapter.medianUs - o.unguarded.medianUs],
    ),
  )
}

function whereTimeGoes(r: BenchResults): string {
  const guard = guardCostUs(r)
  const rows = r.overhead.map((o) => {
    const engine = r.ops.find((e) => e.engine === o.engine)
    const extra = median(
      (engine?.ops ?? []).flatMap((x) =>
        x.adapter === undefined || x.raw === undefined ? [] : [x.adapter.medianUs - x.raw.medianUs],
      ),
    )
    // SQLite calls run on the connection the adapter keeps between calls: no acquire per call.
    const paysAcquire = !o.engine.startsWith('sqlite')
    const acquire = o.acquireUs ?? Number.NaN
    const rest = extra - (paysAcquire ? acquire : 0) - guard
    return [
      o.engine,
      us(o.rawSelect1Us),
      us(o.knexSelect1Us),
      us(o.buildUs),
      paysAcquire ? us(acquire) : `${us(acquire)} (not paid per call)`,
      us(guard),
      us(extra),
      us(rest),
    ]
  })
  const header = [
    'Engine',
    'raw `select 1` µs',
    '`knex.raw(select 1)` µs',
    'query build µs (not paid per call)',
    'knex acquire + release µs',
  ]
  header.push('guard (validation) µs', 'adapter − raw, median over ops µs', 'unexplained rest µs')
  return [
    table(header, rows),
    '',
    'Read across: the adapter compiles each statement once (knex still writes it) and per call only binds',
    "values and runs the text on the driver connection it borrows from knex's pool. So it costs the round",
    'trip plus two layers: *knex acquire + release* (the pool stays knex’s, as the adapter promises) and',
    '*guard*, `guardRepos` (argument validation; both adapters build every result fresh, so it copies',
    'none), priced in process as the memory adapter with and without it. The rest is row decoding, promise hops and noise. *Query build* is what',
    'the query builder plus `toSQL()` cost per call before statements were compiled once; `knex.raw`',
    "shows knex's whole per-call runner on a trivial statement. On SQLite the raw statement takes 1.5–7 µs,",
    'so an acquire and release per call alone would put the adapter near or above 1.5× on the shortest',
    'statements. better-sqlite3 is synchronous, so a call never yields while it holds the connection: the',
    'adapter keeps the one knex lent it between calls and hands it back to the pool as soon as anyone else',
    'asks the pool for a connection or the pool closes (packages/adapter-knex/src/knex-sqlite-lease.ts).',
  ].join('\n')
}

/**
 * Why a list read is held to the lookup limit per row: the fresh `Date`s the contract requires
 * (CONTRACT §0.18) cost, for a full page, many times the whole per-call limit before any other work.
 */
function freshDateNote(e: EngineOps): string {
  const dateUs = e.dateFloor?.medianUs
  const lists = e.ops.filter((o) => o.rows !== undefined && o.dates !== undefined)
  const perList = lists.map((o) => {
    const cost = (o.dates ?? 0) * (dateUs ?? Number.NaN)
    return `\`${o.op}\` returns ${o.rows} rows holding ${o.dates} \`Date\`s, so at least ${us(cost)} µs (${times(ratio(cost, floorOf(o, e)), 1)} the \`Map\` get) goes to allocating them`
  })
  return [
    `Contract floor: one \`new Date(ms)\` costs a median ${us(dateUs)} µs here, and one MFA check`,
    `(\`mfaCodeMatches\`: SHA-256 of the guess, then \`crypto.timingSafeEqual\`) ${us(e.mfaCheck?.medianUs)} µs (both timed in`,
    'batches, so without the timer). Every returned `Date` must be a new object (CONTRACT §0.18) and every',
    'verify must hash and compare the guess that way (§0.14), so any in-process store pays that much per',
    'call on top of the `Map` get; the *contract floor* column prices it for each operation (the `Date`s',
    'counted in one real result).',
    perList.length === 0 ? '' : `${perList.join('; ')}.`,
    'A read that returns a list is therefore held to the lookup limit *per row returned* (5× the `Map` get',
    'per row, the *limit* column shows the total).',
  ]
    .filter((line) => line !== '')
    .join('\n')
}

function engineSection(e: EngineOps, r: BenchResults): string {
  const lines = [`### ${e.engine} — ${e.label}`, '']
  if (!e.reference)
    lines.push(
      '> Stand-in, **not** a performance reference for MongoDB: shown for round trips and relative cost only; kept out of every target.',
      '',
    )
  if (e.engine === 'memory') {
    lines.push(
      `Floor: an awaited \`Map\` get, timed in the same alternating slices as each operation (so a change in`,
      `the machine's load falls on both); each ratio divides by the floor of its own slices. Timed alone at`,
      `the end of each pass it was a median ${us(e.floor?.medianUs)} µs (p99 ${us(e.floor?.p99Us)}).` +
        (e.warmupCalls === undefined
          ? ''
          : ` Each side made ${e.warmupCalls.toLocaleString('en-US')} untimed calls first.`),
      '',
      freshDateNote(e),
      '',
      memoryTable(e, r.callers),
    )
  } else if (e.rawLabel !== undefined) {
    lines.push(
      `Floor: ${e.rawLabel}, same SQL on the same tables. Round trips counted with ${e.counterLabel}.`,
      '',
      sqlTable(e, r.callers),
    )
  } else {
    lines.push(`Round trips counted with ${e.counterLabel}.`, '', mongoTable(e, r.callers))
  }
  return lines.join('\n')
}

export function renderMarkdown(r: BenchResults): string {
  const misses = missesSection(r)
  const m = r.machine
  const machineRows = [
    ['CPU', `${m.cpu} (${m.cores} cores)`],
    ['Memory', `${m.memoryGiB} GiB`],
    ['OS', m.os],
    ['Node', m.node],
    ...Object.entries(m.engines).map(([id, label]) => [`engine: ${id}`, label]),
    [
      'drivers',
      Object.entries(m.drivers)
        .map(([p, v]) => `${p} ${v}`)
        .join(', '),
    ],
  ]
  const parts = [
    '# Benchmarks',
    '',
    '<!-- Generated by `pnpm bench` (packages/bench/src/bench/run-all.ts). Do not edit by hand. -->',
    '',
    `Run ${r.generatedAt}${r.quick ? ' in **--quick** mode (smoke run: one pass, few iterations — do not quote)' : ''};`,
    `${r.passes} pass(es), every figure is the median over passes; whole run ${seconds(r.wallMs)}.`,
    'Regenerate with `pnpm bench` at the root (or `pnpm --filter @regstack/bench bench`;',
    '`--quick` for a smoke run, written to `packages/bench/results/scratch/`, never here).',
    'Raw numbers: `packages/bench/results/results.json`.',
    '',
    '## Machine',
    '',
    table(['', ''], machineRows),
    '',
    'The machine is noisy (up to 2× between runs): compare numbers within this document, not across runs.',
    '',
    '## Targets',
    '',
    table(
      ['Target', 'Measured', 'Verdict'],
      verdicts(r).map((v) => [v.target, v.measured, mark(v.met)]),
    ),
    '',
    '![adapter/raw latency ratios and growth](benchmarks.svg)',
    '',
    "## Where the adapter's time goes",
    '',
    whereTimeGoes(r),
    '',
    '## Operations',
    '',
    `Sequential latency (one call at a time, µs) and throughput with ${r.callers} concurrent callers. *Latency ratio* is`,
    'adapter / raw median; *throughput ratio* is raw / adapter ops/s, each side’s median slice (both > 1',
    'when the adapter is slower).',
    'Round trips are statements (or commands) per call counted from the driver, against the minimum',
    'that packages/adapter-knex/README.md documents. *Client CPU* is this process’s CPU time per sequential',
    'call: what the adapter (or the bare driver) costs on the client, without the server’s work. Where a',
    'write misses its ratio, compare it: a durable write waits for the server’s commit (hundreds of µs to',
    'ms here, disturbed by every other process using the disk), which no client-side change can move.',
    'Every call’s arguments are built before the timing starts, with flat strings, as a request hands them',
    'over, and each side is warmed up first (the in-process memory adapter with far more calls, so that V8',
    'runs the optimised code a server would).',
    '',
    ...r.ops.flatMap((e) => [engineSection(e, r), '']),
    ...(misses === '' ? [] : [misses, '']),
    '## Against Drizzle and Kysely',
    '',
    peersSection(r),
    '',
    '## Growth',
    '',
    'Median latency of the lookups that must stay flat as the tables grow, with every table (users, login',
    'attempts, blacklist) at the given row count. `countRecent` counts 5 rows of one email among all the',
    'others; `listPaged` is the first page of 50; `purgeExpired` deletes nothing (every row is live) —',
    'shown for information: a purge with an index on the expiry column stays flat, a scan does not.',
    '',
    growthTable(r),
    '',
    '## Suite cost',
    '',
    "Wall time of the full default conformance suite (`checkConformance` with the target's `makeRepos`), one pass each.",
    '',
    suiteTable(r),
    '',
    '### Mutant corpus: time to first failure',
    '',
    '`checkConformance(mutant.makeRepos, { bail: true })`, timed until the first failed check.',
    '',
    r.mutants.length === 0 ? 'Not measured.' : mutantSummary(r),
    '',
    '## Method',
    '',
    '- Every loop is bounded in count and time; fixtures for write and consume paths are created before timing.',
    '- The adapter, the raw driver and the peer libraries of one operation are timed in alternating slices',
    '  (10 rounds, order rotated each round), so drifting load on the shared machine falls on every side alike.',
    '- Each pass uses a fresh store (fresh table prefix / database); the raw floor uses the same tables.',
    "- SQLite: better-sqlite3 prepared statements on knex's own connection; the file database runs in WAL mode.",
    "- PostgreSQL and MariaDB: the raw driver uses its own pool of the same size as knex's (10).",
    '- Nothing here runs in `pnpm test`; no speed is asserted in a unit test.',
  ]
  if (r.notes.length > 0) parts.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`))
  return `${parts.join('\n')}\n`
}
