import fc from 'fast-check'
import { identitySet } from '../../arbitraries/oauth-identity-sets.js'
import { keyUpTo } from '../../arbitraries/oauth-strings.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createIdentities, expectListed, perStoreRuns } from '../../harness/oauth-steps.js'

const listOrder: Check = {
  id: 'oauthIdentities.listForUser.sorted-by-linked-at-then-id',
  title:
    'listForUser returns exactly the user’s identities, by linkedAt ascending, ties (same millisecond) by ' +
    'id ascending in JavaScript string order.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§0.10',
  run: (ctx) =>
    ctx.property(
      [identitySet()],
      (set) =>
        ctx.withStore(async ({ repos }) => {
          const rows = await createIdentities(repos, set.inserts)
          await expectListed(
            repos,
            set.userId,
            rows.filter((r) => r.userId === set.userId),
            'after creating',
          )
          await expectListed(
            repos,
            set.otherUserId,
            rows.filter((r) => r.userId === set.otherUserId),
            'after creating',
          )
        }),
      perStoreRuns(ctx),
    ),
}

const listUnknown: Check = {
  id: 'oauthIdentities.listForUser.unknown-user-empty',
  title: 'listForUser of a user with no identity returns an empty array.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§3.6',
  run: (ctx) =>
    ctx.property(
      [identitySet(1), keyUpTo(36)],
      async (set, stranger) => {
        fc.pre(stranger !== set.userId && stranger !== set.otherUserId)
        await ctx.withStore(async ({ repos }) => {
          expectEqual(await repos.oauthIdentities.listForUser(stranger), [], 'listForUser on an empty store')
          await createIdentities(repos, set.inserts)
          expectEqual(
            await repos.oauthIdentities.listForUser(stranger),
            [],
            `listForUser(${describeValue(stranger)}) for a user without identities`,
          )
        })
      },
      perStoreRuns(ctx),
    ),
}

const deleteOnce: Check = {
  id: 'oauthIdentities.delete.true-once-then-false',
  title:
    'delete({ userId, provider }) removes only that identity and returns true, then false; pairs that ' +
    'match no row return false and remove nothing.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§3.6',
  run: (ctx) =>
    ctx.property(
      [identitySet(1), fc.nat()],
      (set, pick) =>
        ctx.withStore(async ({ repos }) => {
          const rows = await createIdentities(repos, set.inserts)
          const target = rows.filter((r) => r.userId === set.userId)[pick % set.mine.length]!
          const key = { userId: target.userId, provider: target.provider }
          // The other user at a provider it lacks: a row with that userId and one with that provider
          // exist, but not together.
          const otherProviders = new Set(set.others.map((o) => o.provider))
          const crossed = set.mine.find((m) => !otherProviders.has(m.provider))
          if (crossed !== undefined) {
            const cross = { userId: set.otherUserId, provider: crossed.provider }
            expectEqual(
              await repos.oauthIdentities.delete(cross),
              false,
              `delete(${describeValue(cross)}) of a pair with no row`,
            )
          }
          expectEqual(await repos.oauthIdentities.delete(key), true, `first delete(${describeValue(key)})`)
          expectEqual(await repos.oauthIdentities.delete(key), false, `second delete(${describeValue(key)})`)
          const rest = rows.filter((r) => r !== target)
          expectEqual(
            await repos.oauthIdentities.findBySubject({
              provider: target.provider,
              subjectId: target.subjectId,
            }),
            null,
            'findBySubject of the deleted identity',
          )
          await expectListed(
            repos,
            set.userId,
            rest.filter((r) => r.userId === set.userId),
            'after delete',
          )
          await expectListed(
            repos,
            set.otherUserId,
            rest.filter((r) => r.userId === set.otherUserId),
            'after delete',
          )
        }),
      perStoreRuns(ctx),
    ),
}

const deleteByUser: Check = {
  id: 'oauthIdentities.deleteByUserId.returns-count-only-that-user',
  title:
    'deleteByUserId removes every identity of that user and returns how many, leaves other users’ ' +
    'identities, and returns 0 when none remain.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§3.6',
  run: (ctx) =>
    ctx.property(
      [identitySet(1)],
      (set) =>
        ctx.withStore(async ({ repos }) => {
          const rows = await createIdentities(repos, set.inserts)
          const { userId, otherUserId } = set
          expectEqual(
            await repos.oauthIdentities.deleteByUserId(userId),
            set.mine.length,
            `deleteByUserId(${describeValue(userId)})`,
          )
          expectEqual(
            await repos.oauthIdentities.deleteByUserId(userId),
            0,
            `deleteByUserId(${describeValue(userId)}) again`,
          )
          expectEqual(await repos.oauthIdentities.listForUser(userId), [], 'listForUser after deleteByUserId')
          for (const m of set.mine) {
            const key = { provider: m.provider, subjectId: m.subjectId }
            expectEqual(
              await repos.oauthIdentities.findBySubject(key),
              null,
              `findBySubject(${describeValue(key)}) after deleteByUserId`,
            )
          }
          await expectListed(
            repos,
            otherUserId,
            rows.filter((r) => r.userId === otherUserId),
            'of another user',
          )
        }),
      perStoreRuns(ctx),
    ),
}

/** Checks of `listForUser`, `delete` and `deleteByUserId`. */
export const identityListDeleteChecks: readonly Check[] = [listOrder, listUnknown, deleteOnce, deleteByUser]
