import { createMemoryRepos } from '@regstack/adapter-memory'
import { checkConformance, formatFailure, type MakeRepos } from '@regstack/conformance'
import type { FrozenClock, Repos } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'

/** A memory store with some repositories replaced by `mutate(original, clock)`. */
function mutant(mutate: (repos: Repos, clock: FrozenClock) => Partial<Repos>): MakeRepos {
  return ({ clock }) => {
    const repos = createMemoryRepos({ clock })
    return { repos: { ...repos, ...mutate(repos, clock) } }
  }
}

/** Ids of another shape (UUID-like, descending order of creation) must be accepted. */
function uuidLikeIds(): () => string {
  let n = 1_000_000
  return () => {
    n -= 1
    return `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`
  }
}

/** Broken adapters; the model area must catch each. */
const MUTANTS: Record<string, MakeRepos> = {
  'MFA verify allows one extra wrong guess': mutant(({ mfaCodes }) => ({
    mfaCodes: {
      ...mfaCodes,
      verify: async (opts) => {
        const row = await mfaCodes.find(opts)
        const result = await mfaCodes.verify(opts)
        if (result.outcome === 'locked' && row !== null && row.attempts < row.maxAttempts) {
          await mfaCodes.put({ ...row, attempts: row.attempts + 1, maxAttempts: row.maxAttempts + 1 })
          return { outcome: 'wrong', attemptsRemaining: 1 }
        }
        return result
      },
    },
  })),
  'pending purge deletes expiresAt <= now': mutant(({ pending }, clock) => ({
    pending: {
      ...pending,
      purgeExpired: (now) => pending.purgeExpired(new Date((now ?? clock.now()).getTime() + 1)),
    },
  })),
  'listPaged sorts ascending by default': mutant(({ users }) => ({
    users: {
      ...users,
      listPaged: (opts) =>
        users.listPaged({ ...opts, sortByCreatedAtDesc: opts?.sortByCreatedAtDesc ?? false }),
    },
  })),
  'updateEmail does not bump the cutoff': mutant(({ users }) => ({
    users: {
      ...users,
      updateEmail: async (id, email) => {
        const before = await users.getById(id)
        await users.updateEmail(id, email)
        if (before !== null)
          await users.setTokensInvalidatedAfter(id, before.tokensInvalidatedAfter ?? new Date(0))
      },
    },
  })),
  'getByEmail folds case': mutant(({ users }) => ({
    users: {
      ...users,
      getByEmail: async (email) =>
        (await users.getByEmail(email)) ?? (await users.getByEmail(email.toLowerCase())),
    },
  })),
  'pending upsert gives a replaced row a new id': mutant(({ pending }) => ({
    pending: {
      ...pending,
      upsert: async (row) => {
        const before = await pending.findByEmail(row.email)
        if (before !== null && before.tokenHash !== row.tokenHash) await pending.deleteByEmail(row.email)
        return pending.upsert(row)
      },
    },
  })),
  'touchLastUsed also moves linkedAt': mutant(({ oauthIdentities }) => ({
    oauthIdentities: {
      ...oauthIdentities,
      touchLastUsed: async (opts) => {
        const row = await oauthIdentities.findBySubject(opts)
        if (row === null) return
        await oauthIdentities.delete(row)
        await oauthIdentities.create({ ...row, linkedAt: opts.when, lastUsedAt: opts.when })
      },
    },
  })),
  'consume does not delete the state': mutant(({ oauthStates }) => ({
    oauthStates: { ...oauthStates, consume: (id) => oauthStates.find(id) },
  })),
}

describe('model area', () => {
  it('passes on the memory adapter', async () => {
    const started = performance.now()
    const report = await checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
      areas: ['model'],
    })
    const failures = report.checks.filter((c) => c.status === 'failed').map(formatFailure)
    expect(failures).toEqual([])
    // Three focused runs, the 2026-07 OAuth-state run with resultWasNew, and the interleaved one.
    expect(report.checks.length).toBe(5)
    console.info(
      `model area on memory: ${Math.round(performance.now() - started)} ms —`,
      report.checks.map((c) => `${c.id} ${c.durationMs} ms`).join(', '),
    )
  })

  it('passes on a memory adapter with other ids and eager automatic expiry declared', async () => {
    const report = await checkConformance(
      ({ clock }) => ({
        repos: createMemoryRepos({ clock, generateId: uuidLikeIds() }),
        capabilities: { automaticExpiry: true },
      }),
      { areas: ['model'] },
    )
    expect(report.checks.filter((c) => c.status === 'failed').map(formatFailure)).toEqual([])
  })

  it('replays a failure from its seed and path', async () => {
    const make = MUTANTS['getByEmail folds case'] as MakeRepos
    const first = await checkConformance(make, { checks: ['model.users.differential'] })
    const failure = first.checks[0]?.failure
    expect(failure?.path).toBeDefined()
    const again = await checkConformance(make, {
      checks: ['model.users.differential'],
      path: failure?.path as string,
    })
    expect(again.checks[0]?.failure?.message).toBe(failure?.message)
  })

  for (const [name, make] of Object.entries(MUTANTS)) {
    it(`catches: ${name}`, async () => {
      const started = performance.now()
      const report = await checkConformance(make, { areas: ['model'], bail: true })
      const failed = report.checks.find((c) => c.status === 'failed')
      expect(failed, `${name} was not caught`).toBeDefined()
      if (failed !== undefined) {
        console.info(
          `caught "${name}" in ${Math.round(performance.now() - started)} ms by ${failed.id}\n${formatFailure(failed)}`,
        )
      }
    })
  }
})
