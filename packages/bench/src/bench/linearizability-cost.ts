/**
 * What the `linearizability` area costs: the checker alone on histories of about 20, 50 and 100
 * calls (decisions per second, median and worst time, search nodes), and the whole area per engine.
 * Prints Markdown for docs/benchmarks.md. Not part of `pnpm bench`:
 *
 *   node dist/bench/linearizability-cost.js [--histories=N] [--engines=memory,sqlite-file,postgres]
 */

import { CLOCK_LEAD_MS, checkConformance, type HistoryShape, measureChecker } from '@regstack/conformance'
import { CORRECT_VARIANTS } from '@regstack/conformance-selftest'
import { type EngineTarget, knexTarget, memoryTarget } from '@regstack/main-job'
import { FrozenClock, type Repos } from '@regstack/protocols'
import { quantile } from './stats.js'

const SHAPES: readonly (readonly [label: string, shape: HistoryShape])[] = [
  ['~20 calls (4 callers × 5, 1 round)', { rounds: 1, callers: 4, callsPerCaller: 5 }],
  ['~50 calls (8 callers × 3, 2 rounds)', { rounds: 2, callers: 8, callsPerCaller: 3 }],
  ['~100 calls (8 callers × 4, 3 rounds)', { rounds: 3, callers: 8, callsPerCaller: 4 }],
]

function flag(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`))
  return arg === undefined ? fallback : arg.slice(name.length + 3)
}

/** Histories recorded on the memory adapter with latency around every call, so calls overlap widely. */
function slowMemory(): { repos: Repos; clock: FrozenClock } {
  const variant = CORRECT_VARIANTS.find((v) => v.id === 'latency.awaits-around-every-call')
  if (variant === undefined) throw new Error('latency variant missing')
  const clock = new FrozenClock(new Date(Date.now() + CLOCK_LEAD_MS))
  const target = variant.makeRepos({ clock, namespace: 'bench' })
  if (target instanceof Promise) throw new Error('the latency variant opens synchronously')
  return { repos: target.repos as Repos, clock }
}

async function checkerTable(histories: number): Promise<string[]> {
  const rows = [
    '| History | Histories | Decisions/s | Median ms | Worst ms | Median nodes | Worst nodes | Undecided |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const [label, shape] of SHAPES) {
    const samples = await measureChecker(slowMemory, shape, histories, 20261204)
    const ms = samples.map((s) => s.ms)
    const nodes = samples.map((s) => s.nodes)
    const total = ms.reduce((a, b) => a + b, 0)
    rows.push(
      `| ${label} | ${samples.length} | ${Math.round((1000 * samples.length) / total)} | ${quantile(ms, 0.5).toFixed(2)} | ${Math.max(...ms).toFixed(2)} | ${quantile(nodes, 0.5)} | ${Math.max(...nodes)} | ${samples.filter((s) => s.verdict === 'undecided').length} |`,
    )
  }
  return rows
}

async function open(id: string): Promise<EngineTarget> {
  if (id === 'memory') return memoryTarget()
  if (id === 'sqlite-file') return await knexTarget('sqlite-file')
  // Without a URL, this machine's server (see serverConnection in @regstack/test-engines).
  if (id === 'postgres') return await knexTarget('postgres', process.env.REGSTACK_POSTGRES_URL)
  if (id === 'mariadb') return await knexTarget('mariadb', process.env.REGSTACK_MARIADB_URL)
  throw new Error(`unknown engine ${id}`)
}

async function areaTable(engines: readonly string[]): Promise<string[]> {
  const rows = [
    '| Engine | Base runs | Histories | Calls | Area time s | Slowest check | Checks |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: |',
  ]
  for (const id of engines) {
    const target = await open(id)
    try {
      const report = await checkConformance(target.makeRepos, { areas: ['linearizability'], name: id })
      const total = report.checks.reduce((a, c) => a + c.durationMs, 0)
      const slowest = [...report.checks].sort((a, b) => b.durationMs - a.durationMs)[0]
      const failed = report.checks.filter((c) => c.status === 'failed').length
      // Each check notes "N histories, M calls, …".
      const noted = (re: RegExp): number =>
        report.checks.reduce((a, c) => a + Number(re.exec(c.notes?.join(' ') ?? '')?.[1] ?? 0), 0)
      rows.push(
        `| ${id} | ${report.numRuns} | ${noted(/(\d+) histories/)} | ${noted(/(\d+) calls/)} | ${(total / 1000).toFixed(1)} | ${slowest?.id ?? '-'} (${((slowest?.durationMs ?? 0) / 1000).toFixed(1)} s) | ${report.checks.length}${failed > 0 ? ` (${failed} FAILED)` : ''} |`,
      )
    } finally {
      await target.teardown()
    }
  }
  return rows
}

const histories = Number(flag('histories', '30'))
const engines = flag('engines', 'memory,sqlite-file,postgres').split(',')
const lines = [
  `Checker alone (${histories} histories per size, recorded on the memory adapter with latency around every call):`,
  '',
  ...(await checkerTable(histories)),
  '',
  'The whole area per engine (default run counts):',
  '',
  ...(await areaTable(engines)),
]
console.log(lines.join('\n'))
