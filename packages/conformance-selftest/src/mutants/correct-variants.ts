/** Adapters the contract allows that differ from the reference; the suite must certify every one. */
import { randomUUID } from 'node:crypto'
import { createMemoryRepos } from '@regstack/adapter-memory'
import { createRawMemoryRepos } from '@regstack/adapter-memory/internal'
import { guardRepos, type Repos } from '@regstack/protocols'
import { tick } from './define-mutant.js'
import type { CorrectVariant } from './mutant.js'

/** `repo` with `before` awaited ahead of every method call. */
function runBefore<T extends object>(repo: T, before: () => Promise<void>): T {
  const wrapped: Record<string, unknown> = {}
  for (const [name, fn] of Object.entries(repo)) {
    wrapped[name] = async (...args: unknown[]): Promise<unknown> => {
      await before()
      return await (fn as (...a: unknown[]) => Promise<unknown>)(...args)
    }
  }
  return wrapped as T
}

/** `repo` with a few event-loop turns before and after every call, as a networked engine has. */
function withLatency<T extends object>(repo: T): T {
  const wrapped: Record<string, unknown> = {}
  for (const [name, fn] of Object.entries(repo)) {
    wrapped[name] = async (...args: unknown[]): Promise<unknown> => {
      await tick()
      await tick()
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args)
      } finally {
        await tick()
      }
    }
  }
  return wrapped as T
}

/** A cutoff `ms` before `now` (the earlier slice of a purge done in two statements). */
const before = (now: Date, ms: number): Date => new Date(now.getTime() - ms)

/**
 * The raw memory store with every multi-row write done as several statements, awaits between: each
 * row still goes atomically, at its own instant, which is all CONTRACT §0.17 asks of these methods.
 */
function rowByRow(raw: Repos, clock: { now(): Date }): Repos {
  const sliced =
    (purge: (now: Date) => Promise<number>) =>
    async (now?: Date | null): Promise<number> => {
      const at = now ?? clock.now()
      const first = await purge(before(at, 60_000))
      await tick()
      return first + (await purge(at))
    }
  return {
    ...raw,
    pending: { ...raw.pending, purgeExpired: sliced((n) => raw.pending.purgeExpired(n)) },
    blacklist: { ...raw.blacklist, purgeExpired: sliced((n) => raw.blacklist.purgeExpired(n)) },
    mfaCodes: {
      ...raw.mfaCodes,
      purgeExpired: sliced((n) => raw.mfaCodes.purgeExpired(n)),
      async delete(opts) {
        if (opts.kind != null) return await raw.mfaCodes.delete(opts)
        await raw.mfaCodes.delete({ userId: opts.userId, kind: 'login_mfa' })
        await tick()
        await raw.mfaCodes.delete({ userId: opts.userId, kind: 'phone_setup' })
      },
    },
    oauthStates: { ...raw.oauthStates, purgeExpired: sliced((n) => raw.oauthStates.purgeExpired(n)) },
    attempts: {
      ...raw.attempts,
      async purgeExpired(now, windowMs) {
        const first = await raw.attempts.purgeExpired(before(now, 60_000), windowMs)
        await tick()
        return first + (await raw.attempts.purgeExpired(now, windowMs))
      },
    },
    oauthIdentities: {
      ...raw.oauthIdentities,
      async deleteByUserId(userId) {
        let removed = 0
        for (const row of await raw.oauthIdentities.listForUser(userId)) {
          await tick()
          if (await raw.oauthIdentities.delete({ userId, provider: row.provider })) removed += 1
        }
        return removed
      },
    },
  }
}

export const CORRECT_VARIANTS: readonly CorrectVariant[] = [
  {
    id: 'atomicity.multi-row-writes-row-by-row',
    description:
      'purgeExpired, deleteByUserId and mfaCodes.delete without kind remove rows in several statements with awaits between (linearizable row by row, not as a whole).',
    makeRepos: ({ clock }) => ({
      repos: guardRepos(rowByRow(createRawMemoryRepos({ clock }), clock), { clock }),
    }),
  },
  {
    id: 'latency.awaits-around-every-call',
    description:
      'Every call waits a few event-loop turns before and after its atomic body, as a networked store does.',
    makeRepos: ({ clock }) => {
      const g = createMemoryRepos({ clock })
      return {
        repos: {
          users: withLatency(g.users),
          pending: withLatency(g.pending),
          blacklist: withLatency(g.blacklist),
          attempts: withLatency(g.attempts),
          mfaCodes: withLatency(g.mfaCodes),
          oauthIdentities: withLatency(g.oauthIdentities),
          oauthStates: withLatency(g.oauthStates),
        },
      }
    },
  },
  {
    id: 'ids.uuid',
    description: 'Ids are random UUIDs with dashes (36 characters), in no relation to insertion order.',
    makeRepos: ({ clock }) => ({ repos: createMemoryRepos({ clock, generateId: () => randomUUID() }) }),
  },
  {
    id: 'ids.decimal-counter',
    description:
      "Ids are decimal counters as strings, so string order differs from numeric order ('10' < '9').",
    makeRepos: ({ clock }) => {
      let n = 0
      const generateId = (): string => {
        n += 1
        return String(n)
      }
      return { repos: createMemoryRepos({ clock, generateId }) }
    },
  },
  {
    id: 'order.descending-ids',
    description: 'Each new id sorts before every earlier one, so id order is the reverse of insertion order.',
    makeRepos: ({ clock }) => {
      let n = 0xffffffffff
      const generateId = (): string => {
        n -= 1
        return n.toString(16).padStart(24, '0')
      }
      return { repos: createMemoryRepos({ clock, generateId }) }
    },
  },
  {
    id: 'expiry.eager-reaping',
    description:
      'Declares automaticExpiry and, before every operation, drops pending rows, MFA codes, OAuth states and ' +
      'blacklist entries whose expiry is at or before the real wall clock (never login attempts).',
    makeRepos: ({ clock }) => {
      const raw = createRawMemoryRepos({ clock })
      const reap = async (): Promise<void> => {
        // purgeExpired deletes `< cutoff`; one millisecond more makes it "expiry <= Date.now()".
        const cutoff = new Date(Date.now() + 1)
        await raw.pending.purgeExpired(cutoff)
        await raw.mfaCodes.purgeExpired(cutoff)
        await raw.oauthStates.purgeExpired(cutoff)
        await raw.blacklist.purgeExpired(cutoff)
      }
      const guarded = guardRepos(raw, { clock })
      const repos: Repos = {
        users: runBefore(guarded.users, reap),
        pending: runBefore(guarded.pending, reap),
        blacklist: runBefore(guarded.blacklist, reap),
        attempts: runBefore(guarded.attempts, reap),
        mfaCodes: runBefore(guarded.mfaCodes, reap),
        oauthIdentities: runBefore(guarded.oauthIdentities, reap),
        oauthStates: runBefore(guarded.oauthStates, reap),
      }
      return { repos, capabilities: { automaticExpiry: true } }
    },
  },
]
