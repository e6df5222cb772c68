/**
 * `pnpm bench`: every adapter on every reachable engine, against its physical floor, in one run.
 * Writes packages/bench/results/results.json, docs/benchmarks.md and docs/benchmarks.svg; a
 * `--quick`, `--only` or `--skip` run writes the same files under packages/bench/results/scratch/.
 *
 *   node dist/bench/run-all.js [--quick] [--only=memory,postgres] [--skip=ops,growth,suites,mutants]
 *   node dist/bench/run-all.js --render   (re-render the docs from results.json)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { configForEngine, parseArgs } from './bench-config.js'
import type { BenchEngine } from './bench-engine.js'
import { benchGrowth } from './growth.js'
import { openKnexEngine } from './knex-engines.js'
import { machineInfo } from './machine-info.js'
import { openMemoryEngine } from './memory-engine.js'
import { openMongoEngine } from './mongo-engine.js'
import { benchOperations } from './op-bench.js'
import { measureOverhead } from './overhead.js'
import { renderMarkdown } from './render-markdown.js'
import { renderSvg } from './render-svg.js'
import type { BenchResults, EngineOps, GrowthPoint, MutantTime, Overhead, SuiteTime } from './results.js'
import { loadCorpus, timeMutants, timeSuites } from './suite-cost.js'

/** Where a run writes: only a full run replaces the committed results and docs. */
interface Outputs {
  readonly results: URL
  readonly doc: URL
  readonly svg: URL
}

const FULL_OUTPUTS: Outputs = {
  results: new URL('../../results/results.json', import.meta.url),
  doc: new URL('../../../../docs/benchmarks.md', import.meta.url),
  svg: new URL('../../../../docs/benchmarks.svg', import.meta.url),
}

// A smoke or partial run must never overwrite the published figures; it lands in a gitignored folder.
const SCRATCH_OUTPUTS: Outputs = {
  results: new URL('../../results/scratch/results.json', import.meta.url),
  doc: new URL('../../results/scratch/benchmarks.md', import.meta.url),
  svg: new URL('../../results/scratch/benchmarks.svg', import.meta.url),
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`)
}

type Opener = () => Promise<BenchEngine>

function openers(
  urls: Readonly<Record<string, string | undefined>>,
): ReadonlyArray<readonly [string, Opener]> {
  return [
    ['memory', async () => openMemoryEngine()],
    ['sqlite-file', () => openKnexEngine('sqlite-file')],
    ['sqlite-memory', () => openKnexEngine('sqlite-memory')],
    ['postgres', () => openKnexEngine('postgres', urls.postgres)],
    ['mariadb', () => openKnexEngine('mariadb', urls.mariadb)],
    ['mongo', () => openMongoEngine(process.env.MONGODB_URI)],
  ]
}

function writeDocs(results: BenchResults, out: Outputs): void {
  writeFileSync(out.svg, renderSvg(results))
  writeFileSync(out.doc, renderMarkdown(results))
  log(`wrote ${out.doc.pathname} and ${out.svg.pathname}`)
}

async function main(argv: readonly string[]): Promise<void> {
  const partial = argv.some((a) => a === '--quick' || a.startsWith('--only') || a.startsWith('--skip'))
  const out = partial ? SCRATCH_OUTPUTS : FULL_OUTPUTS
  if (argv.includes('--render')) {
    writeDocs(JSON.parse(readFileSync(out.results, 'utf8')) as BenchResults, out)
    return
  }
  const { config, only, skip } = parseArgs(argv)
  const started = Date.now()
  // Without a URL, this machine's server (see serverConnection in @regstack/test-engines).
  const urls = { postgres: process.env.REGSTACK_POSTGRES_URL, mariadb: process.env.REGSTACK_MARIADB_URL }
  const notes: string[] = []
  const ops: EngineOps[] = []
  const overhead: Overhead[] = []
  const growth: GrowthPoint[] = []
  const labels: Record<string, string> = {}
  for (const [id, open] of openers(urls)) {
    if (only !== undefined && !only.includes(id)) continue
    let engine: BenchEngine
    try {
      engine = await open()
    } catch (error) {
      notes.push(`${id} not measured: ${(error as Error).message.split('\n')[0]}`)
      log(`✗ ${id}: ${(error as Error).message}`)
      continue
    }
    labels[id] = engine.label
    log(`▶ ${id} — ${engine.label}`)
    try {
      // A stand-in's timings are not quoted, and its linear scans make passes slow: one pass is enough.
      const engineConfig = engine.reference ? config : { ...config, passes: 1 }
      if (!skip.includes('ops')) {
        ops.push(await benchOperations(engine, engineConfig, log))
        const layers = await measureOverhead(engine, config)
        if (layers !== undefined) overhead.push(layers)
      }
      if (!skip.includes('growth')) {
        const sizes = engine.reference ? config.growthSizes : config.growthSizesStandIn
        // In process, a 30-call warm-up leaves V8 on unoptimised code at the first size and optimised
        // at the last, which read as lookups getting faster with more rows (0.5×): warm up as the ops do.
        const growthConfig = configForEngine(engineConfig, engine.id === 'memory')
        growth.push(...(await benchGrowth(engine, sizes, growthConfig, log)))
      }
    } catch (error) {
      notes.push(`${id} stopped early: ${(error as Error).message.split('\n')[0]}`)
      log(`✗ ${id}: ${(error as Error).stack ?? String(error)}`)
    } finally {
      await engine.close()
    }
  }
  let suites: SuiteTime[] = []
  if (!skip.includes('suites')) {
    log('▶ conformance suites')
    suites = await timeSuites(config, urls, log)
  }
  let mutants: MutantTime[] = []
  if (!skip.includes('mutants')) {
    log('▶ mutant corpus')
    const corpus = await loadCorpus()
    if (typeof corpus === 'string') notes.push(corpus)
    else {
      const timed = await timeMutants(corpus, config, log)
      mutants = timed.times
      if (timed.skipped > 0)
        notes.push(
          `${timed.skipped} of ${corpus.length} mutants not timed (${config.quick ? '--quick' : 'time budget'})`,
        )
    }
  }
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    quick: config.quick,
    passes: config.passes,
    callers: config.callers,
    wallMs: Date.now() - started,
    machine: machineInfo(labels),
    ops,
    overhead,
    growth,
    suites,
    mutants,
    notes,
  }
  mkdirSync(new URL('.', out.results), { recursive: true })
  writeFileSync(out.results, `${JSON.stringify(results, null, 2)}\n`)
  writeDocs(results, out)
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}

await main(process.argv.slice(2))
