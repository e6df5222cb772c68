import type { OAuthIdentity } from '@regstack/protocols'
import fc from 'fast-check'
import { anyIdentity } from '../../arbitraries/oauth-models.js'
import { keyUpTo, storableNearMisses } from '../../arbitraries/oauth-strings.js'
import type { Check } from '../../check.js'
import { expectEqual, expectRejects } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createIdentity, perStoreRuns } from '../../harness/oauth-steps.js'

/** A second, independently drawn identity; each check overrides the keys it means to share. */
const otherIdentity = anyIdentity()

/** Keys the near-miss check builds itself; a drawn key that could collide with them is skipped. */
function isFreeOfMarker(s: string): boolean {
  return !s.toLowerCase().includes('near-miss')
}

const roundTrip: Check = {
  id: 'oauthIdentities.create.round-trips',
  title:
    'create returns the input plus a non-empty id, and findBySubject and listForUser return exactly that ' +
    'row (every field, ms dates, null email and lastUsedAt, Unicode keys, values at their limits).',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§3.6',
  run: (ctx) =>
    ctx.property(
      [anyIdentity()],
      (input) =>
        ctx.withStore(async ({ repos }) => {
          const created = await createIdentity(repos, input)
          const { provider, subjectId, userId } = input
          expectEqual(
            await repos.oauthIdentities.findBySubject({ provider, subjectId }),
            created,
            `findBySubject(${describeValue({ provider, subjectId })}) after create`,
          )
          expectEqual(
            await repos.oauthIdentities.listForUser(userId),
            [created],
            `listForUser(${describeValue(userId)}) after create`,
          )
        }),
      perStoreRuns(ctx),
    ),
}

const duplicateSubject: Check = {
  id: 'oauthIdentities.create.duplicate-subject-rejected',
  title:
    'create with a (provider, subjectId) already linked rejects with OAUTH_IDENTITY_ALREADY_LINKED ' +
    'carrying the argument’s provider and subjectId, and writes nothing.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§3.6',
  run: (ctx) =>
    ctx.property(
      [anyIdentity(), otherIdentity],
      async (first, other) => {
        fc.pre(other.userId !== first.userId)
        await ctx.withStore(async ({ repos }) => {
          const created = await createIdentity(repos, first)
          const second = { ...other, provider: first.provider, subjectId: first.subjectId }
          const error = await expectRejects(
            () => repos.oauthIdentities.create(second),
            'OAUTH_IDENTITY_ALREADY_LINKED',
            `create(${describeValue(second)}) when (provider, subjectId) is taken`,
          )
          expectEqual(
            { provider: error.provider, subjectId: error.subjectId },
            { provider: second.provider, subjectId: second.subjectId },
            'OAuthIdentityAlreadyLinkedError fields',
          )
          const { provider, subjectId } = first
          expectEqual(
            await repos.oauthIdentities.findBySubject({ provider, subjectId }),
            created,
            'the linked row after the rejected create',
          )
          expectEqual(
            await repos.oauthIdentities.listForUser(second.userId),
            [],
            'listForUser of the rejected create’s userId',
          )
          expectEqual(
            await repos.oauthIdentities.listForUser(first.userId),
            [created],
            'listForUser of the original owner',
          )
        })
      },
      perStoreRuns(ctx),
    ),
}

const duplicateUserProvider: Check = {
  id: 'oauthIdentities.create.duplicate-user-provider-rejected',
  title:
    'create for a (userId, provider) that already has an identity, with another subjectId, rejects with ' +
    'OAUTH_IDENTITY_ALREADY_LINKED carrying the argument’s provider and subjectId, and writes nothing.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§3.6',
  run: (ctx) =>
    ctx.property(
      [anyIdentity(), otherIdentity],
      async (first, other) => {
        fc.pre(other.subjectId !== first.subjectId)
        await ctx.withStore(async ({ repos }) => {
          const created = await createIdentity(repos, first)
          const second = { ...other, userId: first.userId, provider: first.provider }
          const error = await expectRejects(
            () => repos.oauthIdentities.create(second),
            'OAUTH_IDENTITY_ALREADY_LINKED',
            `create(${describeValue(second)}) when (userId, provider) is taken`,
          )
          expectEqual(
            { provider: error.provider, subjectId: error.subjectId },
            { provider: second.provider, subjectId: second.subjectId },
            'OAuthIdentityAlreadyLinkedError fields',
          )
          expectEqual(
            await repos.oauthIdentities.findBySubject({
              provider: second.provider,
              subjectId: second.subjectId,
            }),
            null,
            'findBySubject of the rejected create',
          )
          expectEqual(
            await repos.oauthIdentities.listForUser(first.userId),
            [created],
            'listForUser after the rejected create',
          )
        })
      },
      perStoreRuns(ctx),
    ),
}

const sameSubjectOtherProvider: Check = {
  id: 'oauthIdentities.create.same-subject-other-provider-allowed',
  title: 'One user may link the same subjectId at two different providers: both rows are stored and found.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§2.4',
  run: (ctx) =>
    ctx.property(
      [anyIdentity(), keyUpTo(32), otherIdentity],
      async (first, provider, other) => {
        fc.pre(provider !== first.provider)
        await ctx.withStore(async ({ repos }) => {
          const a = await createIdentity(repos, first)
          const b = await createIdentity(repos, {
            ...other,
            userId: first.userId,
            subjectId: first.subjectId,
            provider,
          })
          for (const row of [a, b]) {
            expectEqual(
              await repos.oauthIdentities.findBySubject({ provider: row.provider, subjectId: row.subjectId }),
              row,
              `findBySubject(${describeValue({ provider: row.provider, subjectId: row.subjectId })})`,
            )
          }
          const listed = await repos.oauthIdentities.listForUser(first.userId)
          expectEqual(
            listed.length,
            2,
            `listForUser(${describeValue(first.userId)}) length with two providers linked`,
          )
        })
      },
      perStoreRuns(ctx),
    ),
}

const nearMissKeys: Check = {
  id: 'oauthIdentities.keys.near-misses-are-different',
  title:
    'provider, subjectId and userId match exactly: other case, surrounding spaces or another Unicode ' +
    'normal form find nothing, and may be linked as separate identities.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§0.5',
  run: (ctx) =>
    ctx.property(
      [anyIdentity()],
      async (input) => {
        fc.pre(isFreeOfMarker(input.userId) && isFreeOfMarker(input.subjectId))
        await ctx.withStore(async ({ repos }) => {
          const original = await createIdentity(repos, input)
          const { provider, subjectId, userId } = input
          for (const p of storableNearMisses(provider, 32)) {
            expectEqual(
              await repos.oauthIdentities.findBySubject({ provider: p, subjectId }),
              null,
              `findBySubject with provider ${describeValue(p)} (near miss of ${describeValue(provider)})`,
            )
          }
          for (const s of storableNearMisses(subjectId, 255)) {
            expectEqual(
              await repos.oauthIdentities.findBySubject({ provider, subjectId: s }),
              null,
              `findBySubject with subjectId ${describeValue(s)} (near miss of ${describeValue(subjectId)})`,
            )
          }
          for (const u of storableNearMisses(userId, 36)) {
            expectEqual(
              await repos.oauthIdentities.listForUser(u),
              [],
              `listForUser(${describeValue(u)}) (near miss of ${describeValue(userId)})`,
            )
          }
          // Near-miss keys are new keys, so linking them must not collide with the original row.
          const created: OAuthIdentity[] = [original]
          for (const [i, s] of storableNearMisses(subjectId, 255).entries()) {
            created.push(await createIdentity(repos, { ...input, subjectId: s, userId: `near-miss-${i}` }))
          }
          for (const [i, u] of storableNearMisses(userId, 36).entries()) {
            created.push(await createIdentity(repos, { ...input, userId: u, subjectId: `near-miss-${i}` }))
          }
          for (const row of created) {
            const key = { provider: row.provider, subjectId: row.subjectId }
            expectEqual(
              await repos.oauthIdentities.findBySubject(key),
              row,
              `findBySubject(${describeValue(key)}) among near-miss rows`,
            )
          }
        })
      },
      perStoreRuns(ctx),
    ),
}

/** Checks of `create` and of exact key matching. */
export const identityCreateChecks: readonly Check[] = [
  roundTrip,
  duplicateSubject,
  duplicateUserProvider,
  sameSubjectOtherProvider,
  nearMissKeys,
]
