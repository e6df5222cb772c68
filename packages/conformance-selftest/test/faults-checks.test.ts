/**
 * The fault-injection tier against in-process stand-ins: a memory store whose calls fail the way
 * networked ones do when their connection dies (before the server ran the statement, or after, with
 * the reply lost), which every check must accept; and broken variants, each of which one check must
 * catch.
 */
import { createMemoryRepos } from '@regstack/adapter-memory'
import { checkConformance, formatFailure, type MakeRepos } from '@regstack/conformance'
import { type Clock, type MfaVerifyResult, type Repos, StorageUnavailableError } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const unavailable = (): Error => new StorageUnavailableError('connection killed (simulated)')

/** Kill generations: a call started in generation g and still running when it moves was hit. */
class Killer {
  generation = 0
  #turn = 0
  /** Deterministic spread of the three fates of a hit call. */
  fate(): 'lost-before' | 'lost-reply' | 'survived' {
    const fates = ['lost-before', 'lost-reply', 'survived'] as const
    return fates[this.#turn++ % 3] ?? 'survived'
  }
}

type Method = (...args: unknown[]) => Promise<unknown>

/** `repo` with every method run through `around`. */
function wrapRepo<R extends object>(repo: R, around: (call: () => Promise<unknown>) => Promise<unknown>): R {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(repo)) {
    out[key] =
      typeof value === 'function' ? (...args: unknown[]) => around(() => (value as Method)(...args)) : value
  }
  return out as R
}

/** A correct store that suffers connection kills like a networked one. */
function flaky(killer: Killer, inner: Repos, error: () => unknown = unavailable): Repos {
  const around = async (call: () => Promise<unknown>): Promise<unknown> => {
    const started = killer.generation
    await tick()
    const fate = killer.generation === started ? 'survived' : killer.fate()
    if (fate === 'lost-before') throw error()
    const result = await call()
    await tick()
    if (fate === 'lost-reply') throw error()
    return result
  }
  const wrapped = Object.fromEntries(
    Object.entries(inner).map(([name, repo]) => [name, wrapRepo(repo as object, around)]),
  )
  return wrapped as unknown as Repos
}

/** A target built from a flaky memory store, with `mutate` replacing some repositories. */
function target(
  mutate: (repos: Repos, killer: Killer, clock: Clock) => Partial<Repos> = () => ({}),
  error?: () => unknown,
): MakeRepos {
  return ({ clock }) => {
    const killer = new Killer()
    const inner = createMemoryRepos({ clock })
    const repos = flaky(killer, inner, error)
    return {
      repos: { ...repos, ...mutate(inner, killer, clock) },
      faults: {
        dropConnections: async () => {
          killer.generation += 1
        },
      },
    }
  }
}

/** Runs `body`, reporting whether a kill happened meanwhile. */
async function during<T>(killer: Killer, body: () => Promise<T>): Promise<{ value: T; hit: boolean }> {
  const started = killer.generation
  await tick()
  const value = await body()
  await tick()
  return { value, hit: killer.generation !== started }
}

const wrong = (attemptsRemaining: number): MfaVerifyResult => ({ outcome: 'wrong', attemptsRemaining })

const MUTANTS: Record<string, { check: string; make: MakeRepos }> = {
  'a raw driver error escapes': {
    check: 'faults.attempts.recordFailure-never-lost',
    make: target(undefined, () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
  },
  'updatePassword writes the cutoff, then the hash in a second statement': {
    check: 'faults.users.multi-field-updates-never-half-applied',
    make: target(({ users }, killer) => ({
      users: {
        ...users,
        updatePassword: async (id, hash) => {
          const started = killer.generation
          await users.setTokensInvalidatedAfter(id, new Date())
          await tick()
          if (killer.generation !== started) throw unavailable()
          await users.updatePassword(id, hash)
        },
      },
    })),
  },
  'consume returns what it read although its delete was lost': {
    check: 'faults.oauthStates.consume.never-handed-out-twice',
    make: target(({ oauthStates }, killer) => ({
      oauthStates: {
        ...oauthStates,
        consume: async (id) => {
          const { value, hit } = await during(killer, () => oauthStates.find(id))
          return hit ? value : await oauthStates.consume(id)
        },
      },
    })),
  },
  'consume deletes the row and answers null when the reply is lost': {
    check: 'faults.oauthStates.consume.never-handed-out-twice',
    make: target(({ oauthStates }, killer) => ({
      oauthStates: {
        ...oauthStates,
        consume: async (id) => {
          const { value, hit } = await during(killer, () => oauthStates.consume(id))
          return hit ? null : value
        },
      },
    })),
  },
  'verify answers wrong but drops the attempt when the connection dies': {
    check: 'faults.mfaCodes.verify.attempts-never-lost',
    make: target(({ mfaCodes }, killer) => ({
      mfaCodes: {
        ...mfaCodes,
        verify: async (opts) => {
          const { value: row, hit } = await during(killer, () => mfaCodes.find(opts))
          if (hit && row !== null && opts.rawCode !== '654321')
            return wrong(row.maxAttempts - row.attempts - 1)
          return await mfaCodes.verify(opts)
        },
      },
    })),
  },
  'the first call after a kill gets a dead pooled connection': {
    check: 'faults.recovery.next-call-succeeds',
    make: ({ clock }) => {
      const inner = createMemoryRepos({ clock })
      let stale = false
      const around = async (call: () => Promise<unknown>): Promise<unknown> => {
        if (stale) {
          stale = false
          throw unavailable()
        }
        return await call()
      }
      const repos = Object.fromEntries(
        Object.entries(inner).map(([name, repo]) => [name, wrapRepo(repo as object, around)]),
      ) as unknown as Repos
      const dropConnections = async (): Promise<void> => {
        stale = true
      }
      return { repos, faults: { dropConnections } }
    },
  },
}

describe('fault-injection checks', () => {
  it('pass against a correct store that loses connections mid-call', async () => {
    const report = await checkConformance(target(), { areas: ['faults'] })
    const failures = report.checks
      .filter((c) => c.status === 'failed')
      .map((c) => `${c.id}\n${formatFailure(c)}`)
    expect(failures).toEqual([])
    expect(report.capabilities.faults).toBe(true)
    expect(report.checks.map((c) => c.id)).toHaveLength(5)
    expect(report.notApplicable).toEqual([])
    // The idle-kill check says what it proved, not that it interrupted nothing.
    const recovery = report.checks.find((c) => c.id === 'faults.recovery.next-call-succeeds')
    expect(recovery?.notes?.join('\n')).toMatch(
      /^killed the store's idle connections \d+ times .*recovery without re-creation proved$/,
    )
    expect(recovery?.notes?.join('\n')).not.toContain('none of 0 calls')
  })

  it('are reported not applicable, never passed, for a target without fault hooks', async () => {
    const report = await checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
      areas: ['faults'],
    })
    expect(report.checks).toEqual([])
    expect(report.notApplicable.map((c) => c.id)).toHaveLength(5)
    expect(report.certified).toBe(false)
  })

  for (const [name, { check, make }] of Object.entries(MUTANTS)) {
    it(`catches: ${name}`, async () => {
      const report = await checkConformance(make, { checks: [check] })
      const failed = report.checks.filter((c) => c.status === 'failed')
      expect(failed.map((c) => c.id)).toEqual([check])
      expect(failed[0]?.failure?.message).not.toMatch(/^unexpected exception/)
      if (process.env.SHOW_FAILURES) console.info(`${check}: ${failed[0]?.failure?.message}`)
    })
  }
})
