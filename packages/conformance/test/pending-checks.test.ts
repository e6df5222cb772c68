import { randomUUID } from 'node:crypto'
import {
  type NewPendingRegistration,
  PendingAlreadyExistsError,
  type PendingRepo,
  type Repos,
} from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
// The memory adapter is not a dependency of this package (it depends on us); its sources are imported
// directly so the type checker sees them too.
import { createMemoryRepos } from '../../adapter-memory/src/index.js'
import { pendingChecks } from '../src/checks/pending.js'
import { checkConformance, formatFailure, type MakeRepos } from '../src/index.js'

/** A memory store whose `pending` repository is replaced by `mutate(original, now)`. */
function mutant(mutate: (pending: PendingRepo, now: () => Date) => PendingRepo): MakeRepos {
  return ({ clock }) => {
    const repos: Repos = createMemoryRepos({ clock })
    return { repos: { ...repos, pending: mutate(repos.pending, () => clock.now()) } }
  }
}

/**
 * A correct engine with automatic expiry at its most eager: before every call it drops each row whose
 * expiresAt is not after the real wall clock (what `Store.mayBeReaped` allows).
 */
function eagerlyReaping(p: PendingRepo): PendingRepo {
  const reaped =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await p.purgeExpired(new Date(Date.now() + 1))
      return call(...args)
    }
  return {
    upsert: reaped((row: NewPendingRegistration) => p.upsert(row)),
    findByTokenHash: reaped((token: string) => p.findByTokenHash(token)),
    findByEmail: reaped((email: string) => p.findByEmail(email)),
    deleteByEmail: reaped((email: string) => p.deleteByEmail(email)),
    purgeExpired: reaped((now?: Date | null) => p.purgeExpired(now)),
    countUnexpired: reaped((now?: Date | null) => p.countUnexpired(now)),
  }
}

/** Broken adapters, each with the one check that must catch it. */
const MUTANTS: Record<string, { check: string; make: MakeRepos }> = {
  'upsert gives a replaced row a new id': {
    check: 'pending.upsert.replace-keeps-id',
    make: mutant((p) => ({
      ...p,
      upsert: async (row) => {
        await p.deleteByEmail(row.email)
        return p.upsert(row)
      },
    })),
  },
  'upsert keeps the first token hash': {
    check: 'pending.upsert.same-email-replaces-row',
    make: mutant((p) => ({
      ...p,
      upsert: async (row) =>
        p.upsert({ ...row, tokenHash: (await p.findByEmail(row.email))?.tokenHash ?? row.tokenHash }),
    })),
  },
  'a token clash replaces the other email\u2019s row': {
    check: 'pending.upsert.token-hash-conflict-leaves-nothing-changed',
    make: mutant((p) => ({
      ...p,
      upsert: async (row) => {
        const holder = await p.findByTokenHash(row.tokenHash)
        if (holder !== null) await p.deleteByEmail(holder.email)
        return p.upsert(row)
      },
    })),
  },
  'a token clash writes the row before failing': {
    check: 'pending.upsert.token-hash-conflict-leaves-nothing-changed',
    make: mutant((p) => ({
      ...p,
      upsert: async (row) => {
        const holder = await p.findByTokenHash(row.tokenHash)
        if (holder !== null && holder.email !== row.email) {
          await p.upsert({ ...row, tokenHash: `${row.tokenHash.slice(0, 60)}dead` })
          throw new PendingAlreadyExistsError(row.email)
        }
        return p.upsert(row)
      },
    })),
  },
  'purgeExpired deletes the row at the cutoff': {
    check: 'pending.purgeExpired.deletes-before-cutoff',
    make: mutant((p, now) => ({
      ...p,
      purgeExpired: (at) => p.purgeExpired(new Date((at ?? now()).getTime() + 1)),
    })),
  },
  'countUnexpired counts the row at now': {
    check: 'pending.countUnexpired.counts-after-now',
    make: mutant((p, now) => ({
      ...p,
      countUnexpired: (at) => p.countUnexpired(new Date((at ?? now()).getTime() - 1)),
    })),
  },
  'purgeExpired() uses the system clock': {
    check: 'pending.purgeExpired.defaults-to-injected-clock',
    make: mutant((p) => ({ ...p, purgeExpired: (at) => p.purgeExpired(at ?? new Date()) })),
  },
  'countUnexpired() uses the system clock': {
    check: 'pending.countUnexpired.defaults-to-injected-clock',
    make: mutant((p) => ({ ...p, countUnexpired: (at) => p.countUnexpired(at ?? new Date()) })),
  },
  'finds hide expired rows': {
    check: 'pending.finds.return-expired-rows',
    make: mutant((p, now) => ({
      ...p,
      findByEmail: async (email) => {
        const row = await p.findByEmail(email)
        return row !== null && row.expiresAt <= now() ? null : row
      },
    })),
  },
  'upsert refuses expired rows': {
    check: 'pending.upsert.expired-row-allowed',
    make: mutant((p, now) => ({
      ...p,
      upsert: async (row) => {
        if (row.expiresAt <= now()) throw new Error('already expired')
        return p.upsert(row)
      },
    })),
  },
  'findByEmail ignores case': {
    check: 'pending.emails.near-misses-are-different-rows',
    make: mutant((p) => ({
      ...p,
      findByEmail: async (email) => (await p.findByEmail(email)) ?? p.findByEmail(email.toLowerCase()),
    })),
  },
  'findByTokenHash ignores case': {
    check: 'pending.findByTokenHash.exact-match',
    make: mutant((p) => ({
      ...p,
      findByTokenHash: async (token) =>
        (await p.findByTokenHash(token)) ?? p.findByTokenHash(token.toLowerCase()),
    })),
  },
  'deleteByEmail trims its argument': {
    check: 'pending.deleteByEmail.removes-exactly-that-row',
    make: mutant((p) => ({ ...p, deleteByEmail: (email) => p.deleteByEmail(email.trim()) })),
  },
  'upsert returns its input object': {
    check: 'pending.upsert.does-not-mutate-input',
    make: mutant((p) => ({
      ...p,
      upsert: async (row) => Object.assign(row, { id: (await p.upsert(row)).id }),
    })),
  },
  'upsert echoes unknown keys': {
    check: 'pending.upsert.ignores-unknown-keys',
    make: mutant((p) => ({ ...p, upsert: async (row) => ({ ...row, ...(await p.upsert(row)) }) })),
  },
  'upsert truncates the full name': {
    check: 'pending.upsert.values-at-limits-round-trip',
    make: mutant((p) => ({
      ...p,
      upsert: (row) => p.upsert({ ...row, fullName: row.fullName?.slice(0, 100) ?? null }),
    })),
  },
}

describe('pending checks', () => {
  it('all pass against the in-memory adapter', async () => {
    const started = performance.now()
    const report = await checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
      areas: ['pending'],
    })
    if (process.env.SHOW_TIMINGS)
      console.info(report.checks.map((c) => `${c.durationMs} ms ${c.id}`).join('\n'))
    const failures = report.checks.filter((c) => c.status === 'failed').map(formatFailure)
    expect(failures).toEqual([])
    expect(report.checks.map((c) => c.id)).toEqual(pendingChecks.map((c) => c.id))
    console.info(`pending area against memory: ${Math.round(performance.now() - started)} ms`)
  })

  it('all pass against an eagerly reaping store that declares automaticExpiry', async () => {
    const report = await checkConformance(
      ({ clock }) => {
        const repos = createMemoryRepos({ clock, generateId: () => randomUUID() })
        return {
          repos: { ...repos, pending: eagerlyReaping(repos.pending) },
          capabilities: { automaticExpiry: true },
        }
      },
      { areas: ['pending'] },
    )
    expect(report.checks.filter((c) => c.status === 'failed').map(formatFailure)).toEqual([])
  })

  for (const [name, { check, make }] of Object.entries(MUTANTS)) {
    it(`catches a mutant: ${name}`, async () => {
      const report = await checkConformance(make, { checks: [check] })
      if (process.env.SHOW_FAILURES) console.info(name, report.checks[0]?.failure?.message.slice(0, 400))
      expect(report.checks.map((c) => [c.id, c.status])).toEqual([[check, 'failed']])
    })
  }
})
