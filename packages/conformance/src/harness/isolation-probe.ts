import type { NewOAuthState, OAuthIdentity, PendingRegistration, User } from '@regstack/protocols'
import type { IsolationKeys } from '../arbitraries/isolation-keys.js'
import { sha256Hex } from '../arbitraries/sha256.js'
import type { Store } from '../check.js'
import { expectEqual } from './assert.js'
import { setupStep } from './setup-step.js'

/** Which of two stores a probe belongs to: the values written differ, the keys do not. */
export type ProbeVariant = 0 | 1

/** What a probe wrote into one store, as that store must return it. */
export interface Probe {
  readonly variant: ProbeVariant
  readonly user: User
  readonly pending: PendingRegistration
  readonly identity: OAuthIdentity
  readonly state: NewOAuthState
}

const HOUR_MS = 60 * 60 * 1000
/** `countRecent` from the epoch with no window counts every attempt row for the email (§0.12). */
export const EVERY_ATTEMPT: { readonly windowMs: number; readonly now: Date } = {
  windowMs: 0,
  now: new Date(0),
}

/**
 * Writes one row into every repository under `keys`, with values that depend on `variant`. Every row
 * expires an hour after the store clock (two after the wall clock), so no engine may reap it.
 */
export async function writeProbe(store: Store, keys: IsolationKeys, variant: ProbeVariant): Promise<Probe> {
  const { repos } = store
  const now = store.clock.now()
  const later = new Date(now.getTime() + HOUR_MS)
  const label = `store ${variant === 0 ? 'A' : 'B'}`
  // A failure here is the write's own (the store was empty, so no other store's rows were in the way):
  // it is reported as a set-up failure of that operation, not as an isolation failure.
  const write = <T>(what: string, action: () => Promise<T>): Promise<T> =>
    setupStep(what, `${label}: ${what} of a key new to this store`, action)
  const user = await write('users.create', () =>
    repos.users.create({
      email: keys.email,
      hashedPassword: null,
      isActive: variant === 0,
      isVerified: false,
      isSuperuser: false,
      fullName: label,
      phoneNumber: null,
      isMfaEnabled: false,
      createdAt: now,
      updatedAt: now,
      lastLogin: null,
      tokensInvalidatedAfter: null,
    }),
  )
  const pending = await write('pending.upsert', () =>
    repos.pending.upsert({
      email: keys.email,
      hashedPassword: label,
      fullName: label,
      tokenHash: keys.tokenHash,
      createdAt: now,
      expiresAt: later,
    }),
  )
  await write('blacklist.revoke', () => repos.blacklist.revoke(keys.jti, new Date(later.getTime() + variant)))
  // Store A records one failure, store B two: the count tells whose rows a store sees.
  for (let i = 0; i <= variant; i++)
    await write('attempts.recordFailure', () => repos.attempts.recordFailure(keys.email, { when: now }))
  await write('mfaCodes.put', () =>
    repos.mfaCodes.put({
      userId: keys.userId,
      kind: 'login_mfa',
      codeHash: sha256Hex(label),
      expiresAt: later,
      attempts: variant,
      maxAttempts: 5,
      createdAt: now,
    }),
  )
  const identity = await write('oauthIdentities.create', () =>
    repos.oauthIdentities.create({
      userId: keys.userId,
      provider: keys.provider,
      subjectId: keys.subjectId,
      email: label,
      linkedAt: now,
      lastUsedAt: null,
    }),
  )
  const state: NewOAuthState = {
    id: keys.stateId,
    provider: keys.provider,
    codeVerifier: label,
    nonce: label,
    redirectTo: '/',
    mode: 'signin',
    linkingUserId: null,
    createdAt: now,
    expiresAt: later,
    resultToken: null,
  }
  await write('oauthStates.create', () => repos.oauthStates.create(state))
  return { variant, user, pending, identity, state }
}

/** Fails unless `store` returns exactly the rows of `probe` under `keys`, and none of another store's. */
export async function expectProbe(store: Store, keys: IsolationKeys, probe: Probe): Promise<void> {
  const { repos } = store
  const label = `store ${probe.variant === 0 ? 'A' : 'B'} (another store holds the same keys)`
  expectEqual(await repos.users.getByEmail(keys.email), probe.user, `${label}: users.getByEmail`)
  expectEqual(await repos.users.count(), 1, `${label}: users.count()`)
  expectEqual(await repos.pending.findByEmail(keys.email), probe.pending, `${label}: pending.findByEmail`)
  expectEqual(
    await repos.pending.findByTokenHash(keys.tokenHash),
    probe.pending,
    `${label}: pending.findByTokenHash`,
  )
  expectEqual(await repos.pending.countUnexpired(new Date(0)), 1, `${label}: pending.countUnexpired(epoch)`)
  expectEqual(await repos.blacklist.isRevoked(keys.jti), true, `${label}: blacklist.isRevoked`)
  expectEqual(
    await repos.attempts.countRecent(keys.email, EVERY_ATTEMPT),
    probe.variant + 1,
    `${label}: attempts.countRecent of every attempt (this store recorded ${probe.variant + 1})`,
  )
  const code = await repos.mfaCodes.find({ userId: keys.userId, kind: 'login_mfa' })
  expectEqual(
    code === null ? null : { codeHash: code.codeHash, attempts: code.attempts },
    { codeHash: sha256Hex(`store ${probe.variant === 0 ? 'A' : 'B'}`), attempts: probe.variant },
    `${label}: mfaCodes.find (hash and attempts of this store's code)`,
  )
  const { provider, subjectId } = keys
  expectEqual(
    await repos.oauthIdentities.findBySubject({ provider, subjectId }),
    probe.identity,
    `${label}: oauthIdentities.findBySubject`,
  )
  expectEqual(
    await repos.oauthIdentities.listForUser(keys.userId),
    [probe.identity],
    `${label}: oauthIdentities.listForUser`,
  )
  expectEqual(await repos.oauthStates.find(keys.stateId), probe.state, `${label}: oauthStates.find`)
}
