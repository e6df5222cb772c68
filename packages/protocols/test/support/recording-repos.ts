/**
 * A tiny fake `Repos` that records every call and answers canned results, so guard tests can prove
 * exactly when the inner adapter is (or is not) reached and with which arguments.
 */
import type { Repos } from '../../src/index.js'
import { storedIdentity, storedMfaCode, storedPending, storedState, storedUser } from './fixtures.js'

export interface RecordedCall {
  readonly method: string
  readonly args: readonly unknown[]
}

/** Default answers per `repo.method`; a function is called to build a fresh answer each time. */
const DEFAULTS: Record<string, Record<string, () => unknown>> = {
  users: {
    create: storedUser,
    getByEmail: storedUser,
    getById: storedUser,
    setLastLogin: () => undefined,
    setTokensInvalidatedAfter: () => undefined,
    updatePassword: () => undefined,
    setActive: () => undefined,
    setSuperuser: () => undefined,
    setFullName: () => undefined,
    setPhone: () => undefined,
    setMfaEnabled: () => undefined,
    updateEmail: () => undefined,
    delete: () => true,
    count: () => 7,
    listPaged: () => [storedUser()],
  },
  pending: {
    upsert: storedPending,
    findByTokenHash: storedPending,
    findByEmail: storedPending,
    deleteByEmail: () => undefined,
    purgeExpired: () => 3,
    countUnexpired: () => 4,
  },
  blacklist: { revoke: () => undefined, isRevoked: () => true, purgeExpired: () => 2 },
  attempts: {
    recordFailure: () => undefined,
    countRecent: () => 5,
    clear: () => undefined,
    purgeExpired: () => 6,
  },
  mfaCodes: {
    put: () => undefined,
    verify: () => ({ outcome: 'wrong', attemptsRemaining: 2 }),
    delete: () => undefined,
    find: storedMfaCode,
    purgeExpired: () => 1,
  },
  oauthIdentities: {
    create: storedIdentity,
    findBySubject: storedIdentity,
    listForUser: () => [storedIdentity()],
    delete: () => true,
    deleteByUserId: () => 2,
    touchLastUsed: () => undefined,
  },
  oauthStates: {
    create: () => undefined,
    find: storedState,
    setResultToken: () => undefined,
    consume: storedState,
    purgeExpired: () => 9,
  },
}

export interface RecordingRepos {
  readonly repos: Repos
  /** Every call, in order, as `repo.method` plus the exact arguments received. */
  readonly calls: RecordedCall[]
  /** Replaces the answer of one method (`'users.getById'`); a throwing function makes it reject. */
  answer(method: string, result: () => unknown): void
}

export function createRecordingRepos(): RecordingRepos {
  const calls: RecordedCall[] = []
  const overrides = new Map<string, () => unknown>()
  const bundle: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const [repo, methods] of Object.entries(DEFAULTS)) {
    const fake: Record<string, (...args: unknown[]) => Promise<unknown>> = {}
    for (const [method, fallback] of Object.entries(methods)) {
      const name = `${repo}.${method}`
      fake[method] = async (...args: unknown[]) => {
        calls.push({ method: name, args })
        return (overrides.get(name) ?? fallback)()
      }
    }
    bundle[repo] = fake
  }
  return {
    repos: bundle as unknown as Repos,
    calls,
    answer: (method, result) => {
      overrides.set(method, result)
    },
  }
}
