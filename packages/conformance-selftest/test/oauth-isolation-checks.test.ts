import { createMemoryRepos } from '@regstack/adapter-memory'
import { checkConformance, formatFailure, type MakeRepos } from '@regstack/conformance'
import {
  type Clock,
  type FrozenClock,
  type OAuthIdentity,
  OAuthIdentityAlreadyLinkedError,
  type OAuthIdentityRepo,
  type OAuthState,
  type OAuthStateRepo,
  type Repos,
} from '@regstack/protocols'
import { describe, expect, it } from 'vitest'

const AREAS = ['oauthIdentities', 'oauthStates', 'isolation'] as const

const memory: MakeRepos = ({ clock }) => ({ repos: createMemoryRepos({ clock }) })

/** A memory store with one repository replaced by `mutate(original, clock)`. */
function identities(mutate: (repo: OAuthIdentityRepo) => OAuthIdentityRepo): MakeRepos {
  return ({ clock }) => {
    const repos = createMemoryRepos({ clock })
    return { repos: { ...repos, oauthIdentities: mutate(repos.oauthIdentities) } }
  }
}
function states(mutate: (repo: OAuthStateRepo, clock: FrozenClock) => OAuthStateRepo): MakeRepos {
  return ({ clock }) => {
    const repos = createMemoryRepos({ clock })
    return { repos: { ...repos, oauthStates: mutate(repos.oauthStates, clock) } }
  }
}

const byLinkedAt = (a: OAuthIdentity, b: OAuthIdentity): number => a.linkedAt.getTime() - b.linkedAt.getTime()

/** One store shared by every `makeRepos` call: the "module-level Map" bug. */
function sharedStore(): MakeRepos {
  let shared: Repos | undefined
  return ({ clock }) => {
    const repos: Repos = shared ?? createMemoryRepos({ clock })
    shared = repos
    return { repos }
  }
}

/** Stores recycled after `close` without being emptied. */
function recycledStores(): MakeRepos {
  const spare: Repos[] = []
  return ({ clock }) => {
    const repos = spare.pop() ?? createMemoryRepos({ clock })
    return { repos, close: async () => void spare.push(repos) }
  }
}

/** Broken adapters, each with the one check that must catch it. */
const MUTANTS: Record<string, { check: string; make: MakeRepos }> = {
  'listForUser ties in reverse id order': {
    check: 'oauthIdentities.listForUser.sorted-by-linked-at-then-id',
    make: identities((r) => ({
      ...r,
      listForUser: async (u) =>
        (await r.listForUser(u)).sort((a, b) => byLinkedAt(a, b) || (a.id < b.id ? 1 : -1)),
    })),
  },
  'listForUser by linkedAt descending': {
    check: 'oauthIdentities.listForUser.sorted-by-linked-at-then-id',
    make: identities((r) => ({ ...r, listForUser: async (u) => (await r.listForUser(u)).reverse() })),
  },
  'create overwrites a linked subject': {
    check: 'oauthIdentities.create.duplicate-subject-rejected',
    make: identities((r) => ({
      ...r,
      create: async (i) => {
        const old = await r.findBySubject(i)
        if (old !== null) await r.delete(old)
        return r.create(i)
      },
    })),
  },
  'duplicate error names the stored subject': {
    check: 'oauthIdentities.create.duplicate-user-provider-rejected',
    make: identities((r) => ({
      ...r,
      create: async (i) => {
        const mine = (await r.listForUser(i.userId)).find((x) => x.provider === i.provider)
        if (mine !== undefined) throw new OAuthIdentityAlreadyLinkedError(mine.provider, mine.subjectId)
        return r.create(i)
      },
    })),
  },
  'findBySubject ignores case': {
    check: 'oauthIdentities.keys.near-misses-are-different',
    make: identities((r) => ({
      ...r,
      findBySubject: async (k) =>
        (await r.findBySubject(k)) ?? r.findBySubject({ ...k, subjectId: k.subjectId.toLowerCase() }),
    })),
  },
  'delete ignores the userId': {
    check: 'oauthIdentities.delete.true-once-then-false',
    make: identities((r) => {
      // Stands in for a query on provider alone: the first row at that provider goes, whoever owns it.
      const created: OAuthIdentity[] = []
      return {
        ...r,
        create: async (i) => {
          const row = await r.create(i)
          created.push(row)
          return row
        },
        delete: async ({ provider }) => {
          for (const x of created) {
            if (x.provider === provider && (await r.delete({ userId: x.userId, provider }))) return true
          }
          return false
        },
      }
    }),
  },
  'deleteByUserId reports rows left': {
    check: 'oauthIdentities.deleteByUserId.returns-count-only-that-user',
    make: identities((r) => ({ ...r, deleteByUserId: async (u) => Math.min(1, await r.deleteByUserId(u)) })),
  },
  'touchLastUsed also moves linkedAt': {
    check: 'oauthIdentities.touchLastUsed.sets-only-last-used-at',
    make: identities((r) => ({
      ...r,
      touchLastUsed: async (k) => {
        const row = await r.findBySubject(k)
        if (row === null) return
        await r.delete(row)
        await r.create({ ...row, linkedAt: k.when, lastUsedAt: k.when })
      },
    })),
  },
  'setResultToken upserts': {
    check: 'oauthStates.setResultToken.unknown-id-no-op',
    make: states((r, clock) => ({
      ...r,
      setResultToken: async (id, token, opts) => {
        if ((await r.find(id)) === null) await r.create(blankState(id, token, clock))
        await r.setResultToken(id, token, opts)
      },
    })),
  },
  'setResultToken ignores newExpiresAt': {
    check: 'oauthStates.setResultToken.new-expires-at-sets-expiry',
    make: states((r) => ({ ...r, setResultToken: (id, token) => r.setResultToken(id, token) })),
  },
  'setResultToken with null newExpiresAt clears to now': {
    check: 'oauthStates.setResultToken.sets-token-only',
    make: states((r, clock) => ({
      ...r,
      setResultToken: (id, token, opts) =>
        r.setResultToken(id, token, opts === null ? { newExpiresAt: clock.now() } : (opts ?? undefined)),
    })),
  },
  'consume does not delete': {
    check: 'oauthStates.consume.returns-row-once',
    make: states((r) => ({ ...r, consume: (id) => r.find(id) })),
  },
  'consume refuses expired states': {
    check: 'oauthStates.consume.ignores-expiry-and-token',
    make: states((r, clock) => ({
      ...r,
      consume: async (id) => {
        const row = await r.find(id)
        return row !== null && row.expiresAt < clock.now() ? null : r.consume(id)
      },
    })),
  },
  'find filters expired states': {
    check: 'oauthStates.find.returns-expired-rows',
    make: states((r, clock) => ({
      ...r,
      find: async (id) => {
        const row = await r.find(id)
        return row !== null && row.expiresAt < clock.now() ? null : row
      },
    })),
  },
  'create replaces a duplicate id': {
    check: 'oauthStates.create.duplicate-id-rejected',
    make: states((r) => ({
      ...r,
      create: async (s) => {
        await r.consume(s.id)
        await r.create(s)
      },
    })),
  },
  'state ids trimmed': {
    check: 'oauthStates.keys.near-miss-ids-are-different',
    make: states((r) => ({ ...r, find: async (id) => (await r.find(id)) ?? r.find(id.trim()) })),
  },
  'purgeExpired deletes expiresAt <= now': {
    check: 'oauthStates.purgeExpired.deletes-strictly-before-now',
    make: states((r, clock) => ({
      ...r,
      purgeExpired: (now) => r.purgeExpired(new Date((now ?? clock.now()).getTime() + 1)),
    })),
  },
  'purgeExpired defaults to the system clock': {
    check: 'oauthStates.purgeExpired.default-now-is-injected-clock',
    make: states((r) => ({ ...r, purgeExpired: (now) => r.purgeExpired(now ?? new Date()) })),
  },
  'all stores share one module-level store': {
    check: 'isolation.open.fresh-store-is-empty',
    make: sharedStore(),
  },
  'two open stores share one store': {
    check: 'isolation.open.concurrent-stores-are-separate',
    make: sharedStore(),
  },
  'stores recycled after close without clearing': {
    check: 'isolation.close.no-leftovers',
    make: recycledStores(),
  },
}

/** The row an upserting `setResultToken` would invent. */
function blankState(id: string, token: string, clock: Clock): OAuthState {
  const now = clock.now()
  return {
    id,
    provider: 'upserted',
    codeVerifier: '',
    nonce: '',
    redirectTo: '',
    mode: 'signin',
    linkingUserId: null,
    createdAt: now,
    expiresAt: now,
    resultToken: token,
    resultWasNew: false,
  }
}

/** Ids that fall as stores age: creation order is the reverse of id order. */
function fallingIds(): () => string {
  let next = 10 ** 12
  return () => {
    next -= 1
    return String(next)
  }
}

/** Random ids of another shape than the default counter. */
function randomIds(): () => string {
  return () => `id-${Math.random().toString(36).slice(2, 12)}`
}

/**
 * A correct adapter that reaps eagerly, like a TTL index that never lags: OAuth states past expiry by
 * the real wall clock vanish on every read, and it declares `automaticExpiry`.
 */
const eagerReaper: MakeRepos = ({ clock }) => {
  const repos = createMemoryRepos({ clock })
  const s = repos.oauthStates
  const reap = async (id: string): Promise<void> => {
    const row = await s.find(id)
    if (row !== null && row.expiresAt.getTime() <= Date.now()) await s.consume(id)
  }
  const oauthStates: OAuthStateRepo = {
    ...s,
    find: async (id) => {
      await reap(id)
      return s.find(id)
    },
    consume: async (id) => {
      await reap(id)
      return s.consume(id)
    },
    setResultToken: async (id, token, opts) => {
      await reap(id)
      await s.setResultToken(id, token, opts)
    },
  }
  return { repos: { ...repos, oauthStates }, capabilities: { automaticExpiry: true } }
}

describe('oauthIdentities, oauthStates and isolation checks', () => {
  const correct: Record<string, MakeRepos> = {
    'memory adapter': memory,
    'memory adapter, ids falling with creation order': ({ clock }) => ({
      repos: createMemoryRepos({ clock, generateId: fallingIds() }),
    }),
    'memory adapter, random ids': ({ clock }) => ({
      repos: createMemoryRepos({ clock, generateId: randomIds() }),
    }),
    'memory adapter reaping expired states eagerly': eagerReaper,
  }
  for (const [name, make] of Object.entries(correct)) {
    it(`pass on the ${name}`, async () => {
      const started = performance.now()
      const report = await checkConformance(make, { areas: [...AREAS] })
      const failures = report.checks.filter((c) => c.status === 'failed').map(formatFailure)
      expect(failures).toEqual([])
      expect(report.summary.total).toBeGreaterThanOrEqual(25)
      console.info(`${name}: ${report.summary.total} checks in ${Math.round(performance.now() - started)} ms`)
    })
  }

  for (const [name, { check, make }] of Object.entries(MUTANTS)) {
    it(`catch a mutant: ${name}`, async () => {
      const report = await checkConformance(make, { checks: [check] })
      const result = report.checks.find((c) => c.id === check)
      expect(result?.status, `${check} should fail against "${name}"`).toBe('failed')
      expect(result?.failure?.message).toBeTruthy()
    })
  }

  it('name the repository and key of each leftover', async () => {
    const report = await checkConformance(recycledStores(), { checks: ['isolation.close.no-leftovers'] })
    const message = report.checks[0]?.failure?.message ?? ''
    expect(message).toContain('leftovers after close')
    // The shrunk case may meet rows of an earlier case's keys, so only the key-free probes are certain.
    expect(message).toContain('users.count() returned 1')
    expect(message).toContain('pending.countUnexpired(new Date(0)) returned 1')
  })
})
