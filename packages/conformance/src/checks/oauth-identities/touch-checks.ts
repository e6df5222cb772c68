import fc from 'fast-check'
import { anyDate } from '../../arbitraries/dates.js'
import { identitySet } from '../../arbitraries/oauth-identity-sets.js'
import { storableNearMisses } from '../../arbitraries/oauth-strings.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createIdentities, expectListed, perStoreRuns } from '../../harness/oauth-steps.js'

const touchSetsOnlyLastUsed: Check = {
  id: 'oauthIdentities.touchLastUsed.sets-only-last-used-at',
  title:
    'touchLastUsed sets lastUsedAt of the identity matching (provider, subjectId) to `when` exactly and ' +
    'changes nothing else (linkedAt included) in any row.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§3.6',
  run: (ctx) =>
    ctx.property(
      [identitySet(1), fc.nat(), anyDate()],
      (set, pick, when) =>
        ctx.withStore(async ({ repos }) => {
          const rows = await createIdentities(repos, set.inserts)
          const target = rows.filter((r) => r.userId === set.userId)[pick % set.mine.length]!
          const { provider, subjectId } = target
          await repos.oauthIdentities.touchLastUsed({ provider, subjectId, when })
          const touched = { ...target, lastUsedAt: when }
          expectEqual(
            await repos.oauthIdentities.findBySubject({ provider, subjectId }),
            touched,
            `findBySubject after touchLastUsed(${describeValue({ provider, subjectId, when })})`,
          )
          const after = rows.map((r) => (r === target ? touched : r))
          await expectListed(
            repos,
            set.userId,
            after.filter((r) => r.userId === set.userId),
            'after touchLastUsed',
          )
          await expectListed(
            repos,
            set.otherUserId,
            after.filter((r) => r.userId === set.otherUserId),
            'after touchLastUsed',
          )
        }),
      perStoreRuns(ctx),
    ),
}

const touchUnknown: Check = {
  id: 'oauthIdentities.touchLastUsed.unknown-is-no-op',
  title:
    'touchLastUsed for a (provider, subjectId) that is not linked (including near misses of a linked one) ' +
    'changes nothing and creates no row.',
  area: 'oauthIdentities',
  level: 'MUST',
  clause: '§3.6',
  run: (ctx) =>
    ctx.property(
      [identitySet(1), anyDate()],
      (set, when) =>
        ctx.withStore(async ({ repos }) => {
          const rows = await createIdentities(repos, set.inserts)
          const first = set.mine[0]!
          const unknown = [
            ...storableNearMisses(first.provider, 32).map((provider) => ({
              provider,
              subjectId: first.subjectId,
            })),
            ...storableNearMisses(first.subjectId, 255).map((subjectId) => ({
              provider: first.provider,
              subjectId,
            })),
            { provider: first.provider, subjectId: `${first.subjectId}~unlinked` },
            // A near miss of one identity may be another identity's real key; those are not unknown.
          ].filter((k) => !rows.some((r) => r.provider === k.provider && r.subjectId === k.subjectId))
          for (const key of unknown) {
            await repos.oauthIdentities.touchLastUsed({ ...key, when })
            expectEqual(
              await repos.oauthIdentities.findBySubject(key),
              null,
              `findBySubject(${describeValue(key)}) after touchLastUsed of that unlinked pair`,
            )
          }
          await expectListed(
            repos,
            set.userId,
            rows.filter((r) => r.userId === set.userId),
            'after touching unlinked pairs',
          )
          await expectListed(
            repos,
            set.otherUserId,
            rows.filter((r) => r.userId === set.otherUserId),
            'after touching unlinked pairs',
          )
        }),
      perStoreRuns(ctx),
    ),
}

/** Checks of `touchLastUsed`. */
export const identityTouchChecks: readonly Check[] = [touchSetsOnlyLastUsed, touchUnknown]
