/**
 * How the runner tells an adapter failure from an infrastructure error, and that it never ends
 * without a verdict: hung calls are named and stop the run, makeRepos/close/engine failures are
 * `error`, unexpected exceptions name the call they came from.
 */
import { StorageUnavailableError, type UserRepo } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
import { createMemoryRepos } from '../../adapter-memory/src/index.js'
import { ALL_CHECKS } from '../src/checks/index.js'
import {
  checkConformance,
  type Heartbeat,
  InfrastructureError,
  type MakeRepos,
  toBadge,
  validateReport,
} from '../src/index.js'
import { buildReport } from '../src/runner/build-report.js'
import { selectChecks } from '../src/runner/select-checks.js'

/** A memory store whose users repository is changed by `mutate`, and whose close is `close`. */
function target(mutate: (users: UserRepo) => UserRepo, close?: () => Promise<void>): MakeRepos {
  return ({ clock }) => {
    const repos = createMemoryRepos({ clock })
    return { repos: { ...repos, users: mutate(repos.users) }, ...(close === undefined ? {} : { close }) }
  }
}

const never = <T>(): Promise<T> => new Promise<T>(() => {})

describe('runner outcomes', () => {
  it('names the call and its arguments for an untyped exception, with the stack and the shrunk input', async () => {
    const report = await checkConformance(
      target((u) => ({
        ...u,
        create: async (user) => {
          if (user.fullName !== null) throw new RangeError('Invalid time value')
          return await u.create(user)
        },
      })),
      { checks: ['users.create.round-trips'], numRuns: 30 },
    )
    const [check] = report.checks
    expect(check?.status).toBe('failed')
    expect(check?.failure?.message).toMatch(
      /^users\.create\(.*expected success, got RangeError\("Invalid time value"\)/,
    )
    expect(check?.failure?.stack).toContain('RangeError: Invalid time value')
    expect(check?.failure?.counterexample).toBeDefined()
    // A check that does not wrap the call itself: the runner names the call the exception came from.
    const counted = await checkConformance(
      target((u) => ({
        ...u,
        count: async (filter) => {
          if (filter?.isActive === true) throw new RangeError('Invalid time value')
          return await u.count(filter)
        },
      })),
      { checks: ['users.count.matches-every-given-flag'], numRuns: 30 },
    )
    expect(counted.checks[0]?.failure?.message).toMatch(
      /RangeError.*Invalid time value.* from users\.count\(\{ .*isActive: true/,
    )
    expect(counted.checks[0]?.failure?.stack).toContain('RangeError: Invalid time value')
  })

  it('fails a check whose call never settles, naming the call; two in a row stop the run as an error', async () => {
    const beats: Heartbeat[] = []
    const report = await checkConformance(
      target((u) => ({ ...u, count: () => never<number>() })),
      { checks: ['users.count'], callTimeoutMs: 300, heartbeatMs: 100, onHeartbeat: (b) => beats.push(b) },
    )
    expect(validateReport(JSON.parse(JSON.stringify(report)))).toEqual([])
    // calibration calls users.count first: the hang is found before any check runs.
    expect(report.error?.message).toMatch(/^calibration .* failed: users\.count\(\) never settled/)
    expect(
      beats.some((b) => b.running === 'calibration' && b.pending.some((p) => p.call === 'users.count()')),
    ).toBe(true)
    const stuck = await checkConformance(
      target((u) => ({ ...u, create: () => never() })),
      { checks: ['users.create'], callTimeoutMs: 200 },
    )
    expect(stuck.checks.map((c) => c.status)).toEqual(['failed', 'failed'])
    expect(stuck.checks[0]?.failure?.message).toMatch(
      /^users\.create\(\{ .*\) never settled: still pending after/,
    )
    expect(stuck.error?.message).toMatch(/^the run stopped: 2 calls in a row never settled/)
    expect(stuck.certified).toBe(false)
    expect(toBadge(stuck).message).toBe('error')
  })

  it('reports a close() that rejects or never settles as an infrastructure error naming the namespace', async () => {
    let opened = 0
    const closing = (): Promise<void> => {
      opened += 1
      // Calibration's three stores close fine; the check's do not.
      return opened <= 3
        ? Promise.resolve()
        : opened % 2 === 0
          ? never()
          : Promise.reject(new Error('drop failed'))
    }
    const report = await checkConformance(
      target((u) => u, closing),
      {
        checks: ['users.count.matches-every-given-flag', 'users.getById.unknown-id-is-null'],
        callTimeoutMs: 200,
      },
    )
    expect(report.checks.map((c) => c.status)).toEqual(['error', 'error'])
    for (const check of report.checks) {
      expect(check.failure?.message).toMatch(
        /^infrastructure error: close\(\) of store "rs_\w+" (never settled|rejected)/,
      )
      expect(check.failure?.message).toMatch(/namespace rs_\w+/)
    }
    expect(report.summary).toMatchObject({ failed: 0, errors: 2 })
  })

  it('makes an InfrastructureError from the target, or UNAVAILABLE outside the fault tier, an error', async () => {
    const bridge = await checkConformance(
      target((u) => ({
        ...u,
        getById: () => Promise.reject(new InfrastructureError('bridge process exited (fixture)')),
      })),
      { checks: ['users.getById.unknown-id-is-null'] },
    )
    expect(bridge.checks.map((c) => c.status)).toEqual(['error'])
    expect(bridge.checks[0]?.failure?.message).toBe('infrastructure error: bridge process exited (fixture)')
    const unavailable = await checkConformance(
      target((u) => ({
        ...u,
        // Calibration looks up one email; only the check's lookups meet the dead connection.
        getByEmail: (email) =>
          email === 'calibration@example.com'
            ? u.getByEmail(email)
            : Promise.reject(new StorageUnavailableError('connection reset (fixture)')),
      })),
      { checks: ['users.create.round-trips'] },
    )
    expect(unavailable.checks.map((c) => c.status)).toEqual(['error'])
    expect(unavailable.checks[0]?.failure?.message).toMatch(
      /^infrastructure error: the engine became unavailable: users\.getByEmail\(.*StorageUnavailableError\[UNAVAILABLE\]/,
    )
    expect(unavailable.summary).toMatchObject({ failed: 0, errors: 1 })
  })

  it('stops after three infrastructure errors in a row, and makeRepos failing in calibration is one error', async () => {
    let opened = 0
    const dying: MakeRepos = ({ clock }) => {
      opened += 1
      if (opened > 5) throw new Error('ECONNREFUSED (fixture)')
      return { repos: createMemoryRepos({ clock }) }
    }
    const report = await checkConformance(dying, { areas: ['users'] })
    expect(report.summary.errors).toBe(3)
    expect(report.error?.message).toMatch(
      /^the run stopped: 3 checks in a row ended in infrastructure errors/,
    )
    expect(
      report.checks
        .filter((c) => c.status === 'error')
        .every((c) => /ECONNREFUSED/.test(c.failure?.message ?? '')),
    ).toBe(true)
    const dead = await checkConformance(() => Promise.reject(new Error('no database (fixture)')), {
      areas: ['users'],
    })
    expect(dead.checks).toEqual([])
    expect(dead.error?.message).toMatch(
      /calibration .* failed: makeRepos\(\{ namespace: "rs_\w+" \}\) rejected: .*no database/,
    )
  })
})

describe('certification tiers', () => {
  const parts = {
    name: 'demo',
    engine: 'x',
    seed: 1,
    numRuns: 10,
    startedAt: new Date(0),
    durationMs: 5,
    selection: selectChecks(ALL_CHECKS, undefined, undefined),
    calibration: { numRuns: 10, automaticExpiry: false, faults: false, declaredRevision: '2026-07' as const },
    revision: { id: '2026-07' as const, declared: '2026-07' as const },
    applicableAreas: [],
  }
  const passed = (id: string) => ({
    id,
    title: 't',
    area: 'users' as const,
    level: 'MUST' as const,
    clause: '§1',
    status: 'passed' as const,
    durationMs: 1,
    seed: 1,
  })

  it('certifies at the base tier, and says so, when the fault tier could not run', () => {
    const base = buildReport({
      ...parts,
      applicable: 1,
      notApplicable: [{ id: 'faults.x', reason: 'no hooks' }],
      results: [passed('users.a')],
    })
    expect(base).toMatchObject({ certified: true, tier: 'base' })
    expect(toBadge(base).message).toBe('certified 1/1 · faults not exercised')
    expect(toBadge(base).label).toBe('regstack storage 2026-07')
    const full = buildReport({ ...parts, applicable: 1, notApplicable: [], results: [passed('users.a')] })
    expect(full).toMatchObject({ certified: true, tier: 'full' })
    expect(toBadge(full).message).toBe('certified 1/1')
    const errored = buildReport({
      ...parts,
      applicable: 1,
      notApplicable: [],
      results: [{ ...passed('users.a'), status: 'error', failure: { message: 'm', replay: 'r' } }],
    })
    expect(errored.certified).toBe(false)
    expect(errored.tier).toBeUndefined()
    expect(validateReport(JSON.parse(JSON.stringify(errored)))).toEqual([])
  })
})
