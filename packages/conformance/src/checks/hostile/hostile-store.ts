import type { LimitedField, Repos } from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Store } from '../../check.js'
import { firstDifference } from '../../harness/assert.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { describeValue } from '../../harness/describe-value.js'
import { type CallEnv, fresh, type MethodSpec, methodName, type SeedKeys } from './method-spec.js'

const DAY_MS = 86_400_000

/** Rewrites a seeded key of field `field` (a `FIELD_LIMITS` name) before it is stored. */
export type KeyImage = (key: string, field: LimitedField) => string

/** A named set of reads of everything a rejected call might have touched. */
export type Snapshot = ReadonlyMap<string, unknown>

/**
 * Seeds `store` with one row per repository, all expiring a day after the frozen clock (so no engine
 * reaps them during a run), with an old `updatedAt` so any setter that slipped through shows.
 * `image` rewrites every caller-chosen key before it is stored (e.g. into what a UTF-8 encoder or a
 * truncating driver would make of a hostile lookup); ids the adapter generates stay as they are.
 */
export async function seedStore(store: Store, image: KeyImage = (key) => key): Promise<SeedKeys> {
  const { repos, clock } = store
  const now = clock.now()
  const later = new Date(now.getTime() + DAY_MS)
  const old = new Date(now.getTime() - DAY_MS)
  const user = await repos.users.create({
    email: image('seed-user@example.com', 'email'),
    hashedPassword: 'seed-hash',
    isActive: true,
    isVerified: false,
    isSuperuser: false,
    fullName: 'Seed',
    phoneNumber: '+1',
    isMfaEnabled: false,
    createdAt: old,
    updatedAt: old,
    lastLogin: null,
    tokensInvalidatedAfter: null,
  })
  const keys: SeedKeys = {
    userId: user.id,
    userEmail: user.email,
    pendingEmail: image('seed-pending@example.com', 'email'),
    pendingTokenHash: image(sha256Hex('seed-token'), 'tokenHash'),
    jti: image('seed-jti', 'jti'),
    attemptEmail: image('seed-attempt@example.com', 'email'),
    stateId: image('seed-state', 'stateId'),
    provider: image('seedprov', 'provider'),
    subjectId: image('seed-subject', 'subjectId'),
  }
  await repos.pending.upsert({
    email: keys.pendingEmail,
    hashedPassword: 'seed-hash',
    fullName: null,
    tokenHash: keys.pendingTokenHash,
    createdAt: now,
    expiresAt: later,
  })
  await repos.blacklist.revoke(keys.jti, later)
  await repos.attempts.recordFailure(keys.attemptEmail, { when: now, ip: null })
  await repos.mfaCodes.put({
    userId: keys.userId,
    kind: 'login_mfa',
    codeHash: sha256Hex('123456'),
    expiresAt: later,
    attempts: 0,
    maxAttempts: 5,
    createdAt: now,
  })
  await repos.oauthIdentities.create({
    userId: keys.userId,
    provider: keys.provider,
    subjectId: keys.subjectId,
    email: null,
    linkedAt: now,
    lastUsedAt: null,
  })
  await repos.oauthStates.create({
    id: keys.stateId,
    provider: keys.provider,
    codeVerifier: 'seed-verifier',
    nonce: 'seed-nonce',
    redirectTo: '/',
    mode: 'signin',
    linkingUserId: null,
    createdAt: now,
    expiresAt: later,
    resultToken: null,
  })
  return keys
}

/** The call environment of a seeded store; `n` numbers new rows. */
export function callEnv(store: Store, keys: SeedKeys, n: number): CallEnv {
  const now = store.clock.now()
  return { keys, n, now, later: new Date(now.getTime() + DAY_MS) }
}

/**
 * Reads every seeded row, the row counts, and the rows the valid calls of call number 0 would create
 * (fresh jti and state id), so a write or delete that slipped past validation shows up as a difference.
 */
export async function takeSnapshot(repos: Repos, keys: SeedKeys): Promise<Snapshot> {
  const epoch = new Date(0)
  const reads: [string, () => Promise<unknown>][] = [
    ['users.getById(seeded)', () => repos.users.getById(keys.userId)],
    ['users.count', () => repos.users.count()],
    ['pending.findByEmail(seeded)', () => repos.pending.findByEmail(keys.pendingEmail)],
    ['pending.countUnexpired(1970)', () => repos.pending.countUnexpired(epoch)],
    ['blacklist.isRevoked(seeded)', () => repos.blacklist.isRevoked(keys.jti)],
    ['blacklist.isRevoked(fresh)', () => repos.blacklist.isRevoked(fresh.jti)],
    [
      'attempts.countRecent(seeded, since 1970)',
      () => repos.attempts.countRecent(keys.attemptEmail, { windowMs: 0, now: epoch }),
    ],
    [
      'mfaCodes.find(seeded login_mfa)',
      () => repos.mfaCodes.find({ userId: keys.userId, kind: 'login_mfa' }),
    ],
    [
      'mfaCodes.find(seeded phone_setup)',
      () => repos.mfaCodes.find({ userId: keys.userId, kind: 'phone_setup' }),
    ],
    ['oauthIdentities.listForUser(seeded)', () => repos.oauthIdentities.listForUser(keys.userId)],
    ['oauthStates.find(seeded)', () => repos.oauthStates.find(keys.stateId)],
    ['oauthStates.find(fresh)', () => repos.oauthStates.find(fresh.stateId(0))],
  ]
  const snapshot = new Map<string, unknown>()
  for (const [name, read] of reads) snapshot.set(name, await read())
  return snapshot
}

/** Fails, naming the call, when any read of `after` differs from `before`. */
export function expectUnchanged(before: Snapshot, after: Snapshot, call: string): void {
  for (const [name, value] of before) {
    const now = after.get(name)
    if (firstDifference(now, value, '') !== undefined) {
      throw new ContractViolation(
        `${call}, but the store changed: ${name} ${describeValue(value)} → ${describeValue(now)}`,
      )
    }
  }
}

/** Calls `repo.method(...args)` on the store, untyped, as a hostile caller would. */
export async function callMethod(repos: Repos, spec: MethodSpec, args: readonly unknown[]): Promise<unknown> {
  const repo = repos[spec.repo] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>
  const fn = repo[spec.method]
  if (typeof fn !== 'function') throw new ContractViolation(`${methodName(spec)} is not a function`)
  return await fn.apply(repo, [...args])
}
