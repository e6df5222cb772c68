import { randomUUID } from 'node:crypto'
// The memory adapter is not a dependency of this package (it depends on us); its sources are imported
// directly so the type checker sees them too.

import { type Repos, type User, UserAlreadyExistsError, type UserRepo } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
import { createMemoryRepos } from '../../adapter-memory/src/index.js'
import { usersChecks } from '../src/checks/users.js'
import { checkConformance, formatFailure, type MakeRepos } from '../src/index.js'

/** A memory store whose `users` repository is replaced by `mutate(original, clock)`. */
function mutant(mutate: (users: UserRepo, now: () => Date) => UserRepo): MakeRepos {
  return ({ clock }) => {
    const repos: Repos = createMemoryRepos({ clock })
    return { repos: { ...repos, users: mutate(repos.users, () => clock.now()) } }
  }
}

const lower = (s: string): string => s.toLowerCase()

/** Broken adapters, each with the one check that must catch it. */
const MUTANTS: Record<string, { check: string; make: MakeRepos }> = {
  'case-folding emails': {
    check: 'users.create.near-miss-emails-are-different-users',
    make: mutant((u) => ({
      ...u,
      create: (user) => u.create({ ...user, email: lower(user.email) }),
      getByEmail: (email) => u.getByEmail(lower(email)),
    })),
  },
  'getByEmail falls back to the trimmed email': {
    check: 'users.create.near-miss-emails-are-different-users',
    make: mutant((u) => ({
      ...u,
      getByEmail: async (e) => (await u.getByEmail(e)) ?? u.getByEmail(e.trim()),
    })),
  },
  'updateEmail bumps the cutoff before the duplicate fails': {
    check: 'users.updateEmail.duplicate-leaves-nothing-changed',
    make: mutant((u, now) => ({
      ...u,
      updateEmail: async (id, email) => {
        await u.setTokensInvalidatedAfter(id, now())
        await u.updateEmail(id, email)
      },
    })),
  },
  'updateEmail checks the email before the id': {
    check: 'users.updateEmail.unknown-id-is-noop',
    make: mutant((u) => ({
      ...u,
      updateEmail: async (id, email) => {
        const owner = await u.getByEmail(email)
        if (owner !== null && owner.id !== id) throw new UserAlreadyExistsError(email)
        await u.updateEmail(id, email)
      },
    })),
  },
  'updateEmail to its own email is skipped': {
    check: 'users.updateEmail.own-email-bumps-cutoff',
    make: mutant((u) => ({
      ...u,
      updateEmail: async (id, email) => {
        if ((await u.getById(id))?.email !== email) await u.updateEmail(id, email)
      },
    })),
  },
  'listPaged without id tie-break': {
    check: 'users.listPaged.sorted-with-id-tie-break',
    make: mutant((u) => ({
      ...u,
      listPaged: async (opts) => {
        const all = await u.listPaged({ limit: 1_000_000, sortByCreatedAtDesc: true })
        const sign = opts?.sortByCreatedAtDesc === false ? 1 : -1
        const sorted = all.sort((a, b) => sign * (a.createdAt.getTime() - b.createdAt.getTime()))
        const skip = opts?.skip ?? 0
        return sorted.slice(skip, skip + (opts?.limit ?? 50))
      },
    })),
  },
  'listPaged default limit 20': {
    check: 'users.listPaged.defaults',
    make: mutant((u) => ({ ...u, listPaged: (opts) => u.listPaged({ limit: 20, ...opts }) })),
  },
  'listPaged skip off by one': {
    check: 'users.listPaged.skip-and-limit-slice',
    make: mutant((u) => ({
      ...u,
      listPaged: (opts) => u.listPaged({ ...opts, skip: opts?.skip ? opts.skip - 1 : 0 }),
    })),
  },
  'count treats a null flag as false': {
    check: 'users.count.matches-every-given-flag',
    make: mutant((u) => ({
      ...u,
      count: (f) => u.count(f && { ...f, isVerified: f.isVerified === null ? false : f.isVerified }),
    })),
  },
  'setActive also bumps the cutoff': {
    check: 'users.setActive.sets-only-its-fields',
    make: mutant((u, now) => ({
      ...u,
      setActive: async (id, opts) => {
        await u.setActive(id, opts)
        await u.setTokensInvalidatedAfter(id, now())
      },
    })),
  },
  'updatePassword leaves the cutoff alone': {
    check: 'users.updatePassword.sets-only-its-fields',
    make: mutant((u) => ({
      ...u,
      updatePassword: async (id, hash) => {
        const before = await u.getById(id)
        await u.updatePassword(id, hash)
        if (before !== null)
          await u.setTokensInvalidatedAfter(id, before.tokensInvalidatedAfter ?? new Date(0))
      },
    })),
  },
  'setFullName ignores null': {
    check: 'users.setFullName.sets-only-its-fields',
    make: mutant((u) => ({
      ...u,
      setFullName: async (id, name) => (name === null ? undefined : u.setFullName(id, name)),
    })),
  },
  'getById throws on ids that are not 24 hex digits': {
    check: 'users.getById.unknown-id-is-null',
    make: mutant((u) => ({
      ...u,
      getById: async (id) => {
        if (!/^[0-9a-f]{24}$/i.test(id)) throw new Error(`invalid ObjectId ${id}`)
        return u.getById(id.toLowerCase())
      },
    })),
  },
  'delete always answers true': {
    check: 'users.delete.unknown-id-is-false',
    make: mutant((u) => ({ ...u, delete: async (id) => (await u.delete(id)) || true })),
  },
  'setters throw on unknown ids': {
    check: 'users.setters.unknown-id-is-noop',
    make: mutant((u) => ({
      ...u,
      setPhone: async (id, phone) => {
        if ((await u.getById(id)) === null) throw new Error('no such user')
        await u.setPhone(id, phone)
      },
    })),
  },
  'create mutates its input': {
    check: 'users.create.does-not-mutate-input',
    make: mutant((u) => ({
      ...u,
      create: async (user) => Object.assign(user, { id: (await u.create(user)).id }) as User,
    })),
  },
  'create keeps unknown keys': {
    check: 'users.create.ignores-unknown-keys',
    make: mutant((u) => ({ ...u, create: async (user) => ({ ...user, ...(await u.create(user)) }) })),
  },
  'create drops the milliseconds of dates': {
    check: 'users.create.round-trips',
    make: mutant((u) => ({
      ...u,
      create: (user) =>
        u.create({ ...user, createdAt: new Date(Math.floor(user.createdAt.getTime() / 1000) * 1000) }),
    })),
  },
  'create answers a duplicate with a generic error': {
    check: 'users.create.duplicate-email-rejected',
    make: mutant((u) => ({
      ...u,
      create: async (user) => {
        if ((await u.getByEmail(user.email)) !== null) throw new Error('E11000 duplicate key')
        return u.create(user)
      },
    })),
  },
  'create truncates long strings': {
    check: 'users.create.values-at-limits-round-trip',
    make: mutant((u) => ({
      ...u,
      create: (user) => u.create({ ...user, hashedPassword: user.hashedPassword?.slice(0, 255) ?? null }),
    })),
  },
}

describe('users checks', () => {
  it('all pass against the in-memory adapter', async () => {
    const started = performance.now()
    const report = await checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
      areas: ['users'],
    })
    if (process.env.SHOW_TIMINGS)
      console.info(report.checks.map((c) => `${c.durationMs} ms ${c.id}`).join('\n'))
    const failures = report.checks.filter((c) => c.status === 'failed').map(formatFailure)
    expect(failures).toEqual([])
    expect(report.checks.map((c) => c.id)).toEqual(usersChecks.map((c) => c.id))
    console.info(`users area against memory: ${Math.round(performance.now() - started)} ms`)
  })

  it('all pass against a memory store with random UUID ids (another format, another tie order)', async () => {
    const report = await checkConformance(
      ({ clock }) => ({ repos: createMemoryRepos({ clock, generateId: () => randomUUID() }) }),
      { areas: ['users'] },
    )
    expect(report.checks.filter((c) => c.status === 'failed').map(formatFailure)).toEqual([])
  })

  for (const [name, { check, make }] of Object.entries(MUTANTS)) {
    it(`catches a mutant: ${name}`, async () => {
      const report = await checkConformance(make, { checks: [check] })
      expect(report.checks.map((c) => [c.id, c.status])).toEqual([[check, 'failed']])
      if (process.env.SHOW_FAILURES) console.info(name, report.checks[0]?.failure?.message.slice(0, 400))
    })
  }
})
