/**
 * `pnpm soak`: the soak on every engine of this machine (memory, SQLite file, PostgreSQL, MariaDB, and
 * MongoDB when MONGODB_URI is set). Env: SOAK_OPS (default 50000), SOAK_CONCURRENCY (64),
 * SOAK_TIME_LIMIT_MS per engine (600000), SOAK_SEED, SOAK_ENGINES (comma-separated ids),
 * PG_URL / MYSQL_URL. Prints a summary per engine and a Markdown table; exits 1 on any violation.
 */
import { type EngineTarget, knexTarget, memoryTarget, mongoTarget } from '@regstack/main-job'
import { formatSoak, soakMarkdown } from './format-soak.js'
import { runSoak, type SoakResult } from './run-soak.js'

const env = (name: string): number | undefined =>
  process.env[name] === undefined ? undefined : Number(process.env[name])

const OPENERS: Record<string, () => Promise<EngineTarget> | EngineTarget> = {
  memory: memoryTarget,
  'sqlite-file': () => knexTarget('sqlite-file'),
  postgres: () => knexTarget('postgres', process.env.PG_URL),
  mariadb: () => knexTarget('mariadb', process.env.MYSQL_URL),
  mongo: () => mongoTarget(process.env.MONGODB_URI ?? ''),
}

function selected(): string[] {
  const wanted = process.env.SOAK_ENGINES?.split(',').map((s) => s.trim())
  const all = Object.keys(OPENERS).filter((id) => id !== 'mongo' || (process.env.MONGODB_URI ?? '') !== '')
  if (process.env.MONGODB_URI === undefined) console.info('mongo: skipped (set MONGODB_URI to a real server)')
  return wanted === undefined ? all : all.filter((id) => wanted.includes(id))
}

const results: SoakResult[] = []
for (const id of selected()) {
  const opener = OPENERS[id]
  if (opener === undefined) continue
  const target = await opener()
  try {
    const result = await runSoak(target, {
      ...(env('SOAK_OPS') === undefined ? {} : { ops: env('SOAK_OPS') }),
      ...(env('SOAK_CONCURRENCY') === undefined ? {} : { concurrency: env('SOAK_CONCURRENCY') }),
      ...(env('SOAK_TIME_LIMIT_MS') === undefined ? {} : { timeLimitMs: env('SOAK_TIME_LIMIT_MS') }),
      ...(env('SOAK_SEED') === undefined ? {} : { seed: env('SOAK_SEED') }),
    })
    results.push(result)
    console.info(formatSoak(result))
  } finally {
    await target.teardown()
  }
}
console.info(`\n${soakMarkdown(results)}`)
if (results.some((r) => !r.ok)) process.exitCode = 1
