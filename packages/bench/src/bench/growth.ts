/**
 * Latency of the lookups that must not grow with the data (getByEmail, countRecent, listPaged's first
 * page, a purge with nothing due) at growing row counts. SQL stores are bulk-loaded with multi-row
 * INSERTs through knex; in-process and Mongo stores through the repositories.
 */
import { FrozenClock, type Repos } from '@regstack/protocols'
import type { Knex } from 'knex'
import type { BenchConfig } from './bench-config.js'
import type { BenchEngine } from './bench-engine.js'
import { hexId, newUser } from './op-spec.js'
import type { GrowthPoint } from './results.js'
import { median, quantile } from './stats.js'
import { IndexSource, inParallel, timeSequential } from './timing.js'

const DAY_MS = 86_400_000
const CHUNK = 500
const WINDOW_MS = 15 * 60_000
const email = (k: number): string => `bulk${k}@bench.test`

type Loader = (from: number, to: number) => Promise<void>

function sqlLoader(
  knex: Knex,
  table: (name: string) => string,
  family: string | undefined,
  now: number,
): Loader {
  const bool = (b: boolean): boolean | number => (family === 'pg' ? b : b ? 1 : 0)
  const insert = async (name: string, rows: Array<Record<string, unknown>>): Promise<void> => {
    for (let k = 0; k < rows.length; k += CHUNK) await knex(table(name)).insert(rows.slice(k, k + CHUNK))
  }
  return async (from, to) => {
    const ks = Array.from({ length: to - from }, (_, j) => from + j)
    await insert(
      'users',
      ks.map((k) => ({
        id: hexId(),
        email: email(k),
        hashed_password: 'hash',
        is_active: bool(true),
        is_verified: bool(false),
        is_superuser: bool(false),
        full_name: null,
        phone_number: null,
        is_mfa_enabled: bool(false),
        created_at: now - k,
        updated_at: now - k,
        last_login: null,
        tokens_invalidated_after: null,
      })),
    )
    await insert(
      'login_attempts',
      ks.map((k) => ({ email: email(k), when: now - k, ip: null })),
    )
    await insert(
      'token_blacklist',
      ks.map((k) => ({ jti: `bulk${k}`, exp: now + DAY_MS })),
    )
  }
}

function reposLoader(repos: Repos, clock: FrozenClock, width: number): Loader {
  return async (from, to) =>
    await inParallel(to - from, width, async (j) => {
      const k = from + j
      await repos.users.create(newUser(email(k), clock))
      await repos.attempts.recordFailure(email(k))
      await repos.blacklist.revoke(`bulk${k}`, new Date(clock.now().getTime() + DAY_MS))
    })
}

/** The four probes, each measured `config.passes` times at every size in `sizes`. */
export async function benchGrowth(
  engine: BenchEngine,
  sizes: readonly number[],
  config: BenchConfig,
  log: (line: string) => void,
): Promise<GrowthPoint[]> {
  const clock = new FrozenClock(new Date('2026-01-15T12:00:00.000Z'))
  const store = await engine.openStore(clock)
  const points: GrowthPoint[] = []
  try {
    const { repos } = store
    const target = 'growth-target@bench.test'
    for (let k = 0; k < 5; k++) await repos.attempts.recordFailure(target)
    const load =
      engine.knex !== undefined && store.table !== undefined
        ? sqlLoader(engine.knex, store.table, engine.raw?.family, clock.now().getTime())
        : reposLoader(repos, clock, engine.id === 'memory' ? 1 : 8)
    let loaded = 0
    for (const size of sizes) {
      const started = Date.now()
      await load(loaded, size)
      loaded = size
      log(`  ${engine.id}: ${size} rows loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      // Probe emails spread over the whole table, so no probe only ever hits a hot first page.
      const probes = Array.from({ length: 16 }, (_, j) => email(Math.floor((j * size) / 16)))
      const probesOf: Record<string, (i: number) => Promise<unknown>> = {
        'users.getByEmail': (i) => repos.users.getByEmail(probes[i % probes.length] ?? target),
        'attempts.countRecent': () =>
          repos.attempts.countRecent(target, { windowMs: WINDOW_MS, now: clock.now() }),
        'users.listPaged': () => repos.users.listPaged({ limit: 50 }),
        'blacklist.purgeExpired': () => repos.blacklist.purgeExpired(),
      }
      for (const [op, call] of Object.entries(probesOf)) {
        const medians: number[] = []
        const p99s: number[] = []
        for (let pass = 0; pass < config.passes; pass++) {
          const indexes = new IndexSource(config.warmup + config.growth.iterations)
          for (let k = 0; k < config.warmup; k++) await call(indexes.next())
          const samples = await timeSequential(call, indexes, config.growth)
          medians.push(quantile(samples, 0.5))
          p99s.push(quantile(samples, 0.99))
        }
        points.push({ engine: engine.id, op, rows: size, medianUs: median(medians), p99Us: median(p99s) })
      }
    }
  } finally {
    await store.close()
  }
  return points
}
