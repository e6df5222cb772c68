import fc from 'fast-check'
import { emailString } from '../../arbitraries/strings.js'
import { userPopulation } from '../../arbitraries/users-population.js'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createUsers, expectUsersExactly } from '../../harness/users-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'
import { unknownIdsFor } from '../../harness/users-unknown-ids.js'
import { clockStep, SETTERS } from './users-setters.js'

/** Unknown ids are no-ops everywhere, never errors (CONTRACT §0.4, §0.15). */
export const usersNoopChecks: readonly Check[] = [
  {
    id: 'users.setters.unknown-id-is-noop',
    title: 'Every setter called with a string that is not a stored id resolves and changes nothing.',
    area: 'users',
    level: 'MUST',
    clause: '§0.15',
    async run(ctx) {
      const values = fc.tuple(...SETTERS.map((s) => s.value))
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 3 }), values, clockStep],
        (inputs, generated, step) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            store.clock.advance(step)
            // A sample of candidates keeps this to a few hundred calls; the shapes vary per case.
            const candidates = unknownIdsFor(
              users.map((u) => u.id),
              [],
            ).filter((_, i) => i % 3 === step % 3)
            for (const candidate of candidates) {
              for (const [i, s] of SETTERS.entries()) {
                await expectResolves(
                  () => s.apply(store.repos.users, candidate, generated[i]),
                  `users.${s.method}(${describeValue(candidate)}, ${describeValue(generated[i])}) with an unknown id`,
                )
              }
            }
            await expectUsersExactly(store, users, 'after calling every setter with ids that are not stored')
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
  {
    id: 'users.updateEmail.unknown-id-is-noop',
    title:
      'updateEmail with an id that is not stored resolves and changes nothing, even when the new email belongs to another user.',
    area: 'users',
    level: 'MUST',
    clause: '§0.15',
    async run(ctx) {
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 3 }), fc.nat(), emailString(), clockStep],
        async (inputs, pick, free, step) => {
          fc.pre(!inputs.some((u) => u.email === free))
          await ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            store.clock.advance(step)
            const taken = users[pick % users.length]!.email
            for (const candidate of unknownIdsFor(
              users.map((u) => u.id),
              [],
            ).filter((_, i) => i % 2 === step % 2)) {
              for (const email of [taken, free]) {
                await expectResolves(
                  () => store.repos.users.updateEmail(candidate, email),
                  `users.updateEmail(${describeValue(candidate)}, ${describeValue(email)}) with an unknown id`,
                )
              }
            }
            expectEqual(
              await store.repos.users.getByEmail(free),
              null,
              'users.getByEmail of the free email afterwards',
            )
            await expectUsersExactly(store, users, 'after updateEmail with ids that are not stored')
          })
        },
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
]
