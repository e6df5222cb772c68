import type { Repos } from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check, Store } from '../../check.js'
import { expectEqual, expectResolves } from '../../harness/assert.js'
import { seedStore } from './hostile-store.js'

const NOT_GIVEN: readonly (null | undefined)[] = [null, undefined]

/** Resolves `call`, named by `what`, failing with a readable message if it rejects. */
const ok = <T>(what: string, call: () => Promise<T>): Promise<T> => expectResolves(call, what)

async function countAndList(repos: Repos): Promise<void> {
  const all = await repos.users.count()
  for (const filter of [null, undefined, {}, { isActive: null, isVerified: undefined, isSuperuser: null }]) {
    const what = `users.count(${filter === undefined ? 'undefined' : JSON.stringify(filter)})`
    expectEqual(await ok(what, () => repos.users.count(filter)), all, `${what} equals users.count()`)
  }
  const page = await repos.users.listPaged()
  for (const opts of [
    null,
    undefined,
    { skip: null, limit: null, sortByCreatedAtDesc: null },
    { skip: undefined },
  ]) {
    const what = `users.listPaged(${opts === undefined ? 'undefined' : JSON.stringify(opts)})`
    expectEqual(await ok(what, () => repos.users.listPaged(opts)), page, `${what} equals users.listPaged()`)
  }
}

async function recordFailureDefaults(store: Store): Promise<void> {
  const { repos, clock } = store
  const email = 'absent-options@example.com'
  const variants = [null, undefined, { when: null, ip: null }, { when: undefined, ip: undefined }]
  for (const opts of variants) {
    await ok(`attempts.recordFailure(email, ${JSON.stringify(opts) ?? 'undefined'})`, () =>
      repos.attempts.recordFailure(email, opts),
    )
  }
  // An omitted `when` is the clock's now, so every row counts in a zero-width window ending now.
  const counted = await repos.attempts.countRecent(email, { windowMs: 0, now: clock.now() })
  expectEqual(counted, variants.length, 'attempts recorded with when null/undefined, counted at clock.now()')
}

/** Every defaulted `now` of a purge is the clock's now: a row expired 1 s ago goes, fresher ones stay. */
async function purgeDefaults(store: Store): Promise<void> {
  const { repos, clock } = store
  const past = (): Date => new Date(clock.now().getTime() - 1000)
  const expired: [string, () => Promise<unknown>, (now: null | undefined) => Promise<number>][] = [
    [
      'pending.purgeExpired',
      () =>
        repos.pending.upsert({
          email: 'old@example.com',
          hashedPassword: 'h',
          fullName: null,
          tokenHash: 'old',
          createdAt: past(),
          expiresAt: past(),
        }),
      (now) => repos.pending.purgeExpired(now),
    ],
    [
      'blacklist.purgeExpired',
      () => repos.blacklist.revoke('old-jti', past()),
      (now) => repos.blacklist.purgeExpired(now),
    ],
    [
      'mfaCodes.purgeExpired',
      () =>
        repos.mfaCodes.put({
          userId: 'old-user',
          kind: 'phone_setup',
          codeHash: sha256Hex('1'),
          expiresAt: past(),
          attempts: 0,
          maxAttempts: 5,
          createdAt: past(),
        }),
      (now) => repos.mfaCodes.purgeExpired(now),
    ],
    [
      'oauthStates.purgeExpired',
      () =>
        repos.oauthStates.create({
          id: 'old-state',
          provider: 'p',
          codeVerifier: 'v',
          nonce: 'n',
          redirectTo: '/',
          mode: 'signin',
          linkingUserId: null,
          createdAt: past(),
          expiresAt: past(),
          resultToken: null,
        }),
      (now) => repos.oauthStates.purgeExpired(now),
    ],
  ]
  for (const [name, insert, purge] of expired) {
    for (const now of NOT_GIVEN) {
      await insert()
      expectEqual(
        await ok(`${name}(${String(now)})`, () => purge(now)),
        1,
        `${name}(${String(now)}) purges the row expired 1 s before clock.now()`,
      )
    }
  }
  const unexpired = await repos.pending.countUnexpired(clock.now())
  for (const now of NOT_GIVEN) {
    expectEqual(
      await ok(`pending.countUnexpired(${String(now)})`, () => repos.pending.countUnexpired(now)),
      unexpired,
      `pending.countUnexpired(${String(now)}) counts as of clock.now()`,
    )
  }
}

async function setResultTokenDefaults(store: Store, stateId: string): Promise<void> {
  const { repos } = store
  const before = await repos.oauthStates.find(stateId)
  const variants = [null, undefined, { newExpiresAt: null }, { newExpiresAt: undefined }]
  for (const [i, opts] of variants.entries()) {
    const what = `oauthStates.setResultToken(id, token, ${JSON.stringify(opts) ?? 'undefined'})`
    await ok(what, () => repos.oauthStates.setResultToken(stateId, `token-${i}`, opts))
    const after = await repos.oauthStates.find(stateId)
    expectEqual(
      after,
      before === null ? null : { ...before, resultToken: `token-${i}` },
      `${what} sets only the token`,
    )
  }
}

async function mfaDeleteDefaults(store: Store): Promise<void> {
  const { repos, clock } = store
  const userId = 'all-kinds-user'
  for (const kind of NOT_GIVEN) {
    for (const k of ['phone_setup', 'login_mfa'] as const) {
      const later = new Date(clock.now().getTime() + 86_400_000)
      await repos.mfaCodes.put({
        userId,
        kind: k,
        codeHash: sha256Hex('1'),
        expiresAt: later,
        attempts: 0,
        maxAttempts: 5,
        createdAt: clock.now(),
      })
    }
    await ok(`mfaCodes.delete({ userId, kind: ${String(kind)} })`, () =>
      repos.mfaCodes.delete({ userId, kind }),
    )
    for (const k of ['phone_setup', 'login_mfa'] as const) {
      expectEqual(
        await repos.mfaCodes.find({ userId, kind: k }),
        null,
        `mfaCodes.delete with kind ${String(kind)} removes every kind (${k} left)`,
      )
    }
  }
}

/** `null` and `undefined` both mean "not given" for optional options, filters and whole options objects. */
export const absentOptionsCheck: Check = {
  id: 'hostile.options.null-and-undefined-mean-not-given',
  title:
    'For optional options and filters, and for whole optional options objects, undefined and null both mean "not given": the call resolves with the defaults.',
  area: 'hostile',
  level: 'MUST',
  clause: '§0.6',
  async run(ctx) {
    const store = await ctx.open()
    const keys = await seedStore(store)
    await countAndList(store.repos)
    await recordFailureDefaults(store)
    await purgeDefaults(store)
    await setResultTokenDefaults(store, keys.stateId)
    await mfaDeleteDefaults(store)
  },
}
