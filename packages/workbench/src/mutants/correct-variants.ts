/** Adapters the contract allows that differ from the reference; the suite must certify every one. */
import { randomUUID } from 'node:crypto'
import { createMemoryRepos, createRawMemoryRepos } from '@regstack/adapter-memory'
import { guardRepos, type Repos } from '@regstack/protocols'
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

export const CORRECT_VARIANTS: readonly CorrectVariant[] = [
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
