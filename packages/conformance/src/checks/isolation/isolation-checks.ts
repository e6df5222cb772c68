import { isolationKeys } from '../../arbitraries/isolation-keys.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { expectNoLeftovers } from '../../harness/isolation-empty.js'
import { expectProbe, writeProbe } from '../../harness/isolation-probe.js'

/**
 * Each case opens two stores (seconds on a networked engine), and a leak shows on the first case
 * whatever the keys, so a few cases are plenty.
 */
const CASES = 3

const startsEmpty: Check = {
  id: 'isolation.open.fresh-store-is-empty',
  title:
    'A freshly opened store is empty in every repository, even while another open store holds rows: no ' +
    'user, pending row, revoked token, login attempt, MFA code, OAuth identity or OAuth state.',
  area: 'isolation',
  level: 'MUST',
  clause: '§7.3',
  run: (ctx) =>
    ctx.property(
      [isolationKeys()],
      (keys) =>
        ctx.withStore(async (a) => {
          await expectNoLeftovers(a, keys, 'store A was just opened')
          const probe = await writeProbe(a, keys, 0)
          await ctx.withStore(async (b) => {
            await expectNoLeftovers(
              b,
              keys,
              'store B was just opened (store A, still open, holds rows under these keys)',
              probe.user.id,
            )
          })
        }),
      CASES,
    ),
}

const separateStores: Check = {
  id: 'isolation.open.concurrent-stores-are-separate',
  title:
    'Two stores open at the same time never see each other’s rows: the same keys written into both with ' +
    'different values read back per store, and deletes or purges in one leave the other intact.',
  area: 'isolation',
  level: 'MUST',
  clause: '§7.3',
  run: (ctx) =>
    ctx.property(
      [isolationKeys()],
      (keys) =>
        ctx.withStore((a) =>
          ctx.withStore(async (b) => {
            const inA = await writeProbe(a, keys, 0)
            const inB = await writeProbe(b, keys, 1)
            await expectProbe(a, keys, inA)
            await expectProbe(b, keys, inB)
            // Destructive calls in B must stay in B; each count proves B saw only its own row.
            const far = new Date(b.clock.now().getTime() + 2 * 60 * 60 * 1000)
            expectEqual(
              await b.repos.blacklist.purgeExpired(far),
              1,
              'store B: blacklist.purgeExpired of its one entry',
            )
            expectEqual(
              await b.repos.pending.purgeExpired(far),
              1,
              'store B: pending.purgeExpired of its one row',
            )
            expectEqual(
              await b.repos.oauthStates.purgeExpired(far),
              1,
              'store B: oauthStates.purgeExpired of its one state',
            )
            expectEqual(
              await b.repos.mfaCodes.purgeExpired(far),
              1,
              'store B: mfaCodes.purgeExpired of its one code',
            )
            expectEqual(
              await b.repos.oauthIdentities.deleteByUserId(keys.userId),
              1,
              'store B: oauthIdentities.deleteByUserId',
            )
            expectEqual(await b.repos.users.delete(inB.user.id), true, 'store B: users.delete of its user')
            await b.repos.attempts.clear(keys.email)
            await expectProbe(a, keys, inA)
          }),
        ),
      CASES,
    ),
}

const noLeftovers: Check = {
  id: 'isolation.close.no-leftovers',
  title: 'A store opened after another was closed holds none of the closed store’s rows.',
  area: 'isolation',
  level: 'MUST',
  clause: '§7.3',
  run: (ctx) =>
    ctx.property(
      [isolationKeys()],
      async (keys) => {
        const probe = await ctx.withStore(async (a) => {
          // Earlier cases and checks closed their stores already, so this is a leftover check too.
          await expectNoLeftovers(
            a,
            keys,
            'leftovers after close: store A was opened after earlier stores were closed',
          )
          return writeProbe(a, keys, 0)
        })
        await ctx.withStore((b) =>
          expectNoLeftovers(
            b,
            keys,
            'leftovers after close: store B was opened after store A (holding rows under these keys) was ' +
              'closed',
            probe.user.id,
          ),
        )
      },
      CASES,
    ),
}

/** The isolation checks: fresh stores are empty, open stores are separate, closed stores leave nothing. */
export const isolationCheckList: readonly Check[] = [startsEmpty, separateStores, noLeftovers]
