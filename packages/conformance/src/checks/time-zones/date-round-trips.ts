import type { MfaCode, NewOAuthState, User } from '@regstack/protocols'
import { MAX_DATE_MS, MIN_DATE_MS } from '@regstack/protocols'
import fc from 'fast-check'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check, Store } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { hostileInstants, interestingChanges, repeatedMs } from '../../harness/zone-instants.js'
import { zoneCheck } from './zone-check.js'

/** Four instants written in one batch: every model gets each of them in some date field. */
type Batch = readonly [number, number, number, number]

const HOUR_MS = 60 * 60 * 1000

/** Picks a stored value, or `null` where an engine with automatic expiry may already have reaped it. */
function reapable<T>(store: Store, expiresAt: Date, actual: T | null, expected: T): T | null {
  return actual === null && store.mayBeReaped(expiresAt) ? null : expected
}

/**
 * Writes `batch` into the date fields of every model that returns dates (users, pending, MFA codes,
 * OAuth identities and states), through their creating calls and their date setters, and fails
 * unless every read gives back exactly the instants written.
 */
async function roundTrip(store: Store, batch: Batch, n: number): Promise<void> {
  const { repos } = store
  const [a, b, c, d] = batch.map((ms) => new Date(ms)) as [Date, Date, Date, Date]
  const iso = batch.map((ms) => new Date(ms).toISOString()).join(', ')
  const what = (call: string) => `${call} with the instants ${iso}`
  const email = `tz-${n}@x.io`
  const fields = {
    email,
    hashedPassword: null,
    isActive: true,
    isVerified: false,
    isSuperuser: false,
    fullName: null,
    phoneNumber: null,
    isMfaEnabled: false,
  }
  const user = await repos.users.create({
    ...fields,
    createdAt: a,
    updatedAt: b,
    lastLogin: c,
    tokensInvalidatedAfter: d,
  })
  const expectedUser: User = {
    id: user.id,
    ...fields,
    createdAt: a,
    updatedAt: b,
    lastLogin: c,
    tokensInvalidatedAfter: d,
  }
  expectEqual(user, expectedUser, what('users.create'))
  expectEqual(await repos.users.getById(user.id), expectedUser, what('users.getById after create'))
  await repos.users.setLastLogin(user.id, d)
  await repos.users.setTokensInvalidatedAfter(user.id, a)
  const reread = await repos.users.getById(user.id)
  expectEqual(
    reread === null
      ? null
      : { lastLogin: reread.lastLogin, tokensInvalidatedAfter: reread.tokensInvalidatedAfter },
    { lastLogin: d, tokensInvalidatedAfter: a },
    what('users.getById after setLastLogin and setTokensInvalidatedAfter'),
  )

  for (const [k, [createdAt, expiresAt]] of [
    [0, [a, b]],
    [1, [c, d]],
  ] as const) {
    const pendingIn = {
      email: `${k}${email}`,
      hashedPassword: 'h',
      fullName: null,
      tokenHash: `tz-${n}-${k}`,
      createdAt,
      expiresAt,
    }
    const pending = await repos.pending.upsert(pendingIn)
    expectEqual(pending, { id: pending.id, ...pendingIn }, what('pending.upsert'))
    const found = await repos.pending.findByEmail(pendingIn.email)
    expectEqual(found, reapable(store, expiresAt, found, pending), what('pending.findByEmail'))

    const code = {
      userId: `tz-${n}`,
      kind: k === 0 ? 'login_mfa' : 'phone_setup',
      codeHash: sha256Hex('x'),
      expiresAt,
      attempts: 0,
      maxAttempts: 3,
      createdAt,
    } as const
    await repos.mfaCodes.put(code)
    const stored: MfaCode | null = await repos.mfaCodes.find({ userId: code.userId, kind: code.kind })
    const shown = stored === null ? null : { ...stored, id: 'id' }
    expectEqual(
      shown,
      reapable(store, expiresAt, shown, { ...code, id: 'id' }),
      what('mfaCodes.find after put'),
    )

    const identityIn = {
      userId: `tz-${n}`,
      provider: `p${k}`,
      subjectId: `s-${n}`,
      email: null,
      linkedAt: createdAt,
      lastUsedAt: expiresAt,
    }
    const identity = await repos.oauthIdentities.create(identityIn)
    expectEqual(identity, { id: identity.id, ...identityIn }, what('oauthIdentities.create'))
    expectEqual(
      await repos.oauthIdentities.findBySubject({ provider: `p${k}`, subjectId: `s-${n}` }),
      identity,
      what('oauthIdentities.findBySubject after create'),
    )
    await repos.oauthIdentities.touchLastUsed({ provider: `p${k}`, subjectId: `s-${n}`, when: createdAt })
    expectEqual(
      (await repos.oauthIdentities.findBySubject({ provider: `p${k}`, subjectId: `s-${n}` }))?.lastUsedAt,
      createdAt,
      what('oauthIdentities.findBySubject after touchLastUsed'),
    )

    const state: NewOAuthState = {
      id: `tz-${n}-${k}`,
      provider: 'p',
      codeVerifier: 'v',
      nonce: 'n',
      redirectTo: '/',
      mode: 'signin',
      linkingUserId: null,
      createdAt,
      expiresAt,
      resultToken: null,
    }
    await repos.oauthStates.create(state)
    const foundState: NewOAuthState | null = await repos.oauthStates.find(state.id)
    expectEqual(
      foundState,
      reapable(store, expiresAt, foundState, state),
      what('oauthStates.find after create'),
    )
    await repos.oauthStates.setResultToken(state.id, 't', { newExpiresAt: createdAt })
    // Typed as the input: this 2026-05 check sees states without resultWasNew.
    const updated: NewOAuthState | null = await repos.oauthStates.find(state.id)
    expectEqual(
      updated,
      // Reaped before the update (its first expiry) or after it (its new one): either way it may be gone.
      reapable(store, new Date(Math.min(createdAt.getTime(), expiresAt.getTime())), updated, {
        ...state,
        resultToken: 't',
        expiresAt: createdAt,
      }),
      what('oauthStates.find after setResultToken with newExpiresAt'),
    )
  }
}

/** A random instant near one of `changes` (within two hours), or anywhere in the storable range. */
function nearChanges(changes: readonly number[]): fc.Arbitrary<number> {
  const anywhere = fc.integer({ min: MIN_DATE_MS, max: MAX_DATE_MS })
  if (changes.length === 0) return anywhere
  const near = fc
    .tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * HOUR_MS, max: 2 * HOUR_MS }))
    .map(([at, d]) => Math.min(MAX_DATE_MS, Math.max(MIN_DATE_MS, at + d)))
  return fc.oneof({ weight: 3, arbitrary: near }, { weight: 1, arbitrary: anywhere })
}

/** Every model's dates round-trip exactly under every tier zone, at the instants naive code breaks on. */
export const dateRoundTrips: Check = zoneCheck({
  id: 'timeZones.dates.round-trip-in-any-zone',
  title:
    'Every date of every model round-trips to the millisecond whatever the process time zone: inside a repeated ' +
    'daylight-saving hour on both passes, at the edges of a skipped hour, and at 1970-01-01 and 9999-12-31 ' +
    '(a date is an instant; nothing may depend on the process zone).',
  clause: '§0.3',
  async inZone(ctx) {
    const changes = interestingChanges(Date.now())
    // Fall-back changes first: they are where wall-clock storage loses information.
    const pinned = hostileInstants(
      [...changes].sort((x, y) => Number(repeatedMs(y) > 0) - Number(repeatedMs(x) > 0)),
    )
    const store = await ctx.open()
    let n = 0
    for (let i = 0; i < pinned.length; i += 4) {
      const batch = [0, 1, 2, 3].map((j) => pinned[(i + j) % pinned.length] as number) as unknown as Batch
      await roundTrip(store, batch, n++)
    }
    const instant = nearChanges(changes.map((c) => c.at))
    await ctx.property(
      [fc.tuple(instant, instant, instant, instant)],
      (batch) => roundTrip(store, batch, n++),
      Math.max(2, Math.ceil(ctx.numRuns / 4)),
    )
  },
})
