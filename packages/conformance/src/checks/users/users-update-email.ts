import fc from 'fast-check'
import { emailString, nearMisses } from '../../arbitraries/strings.js'
import { userPopulation } from '../../arbitraries/users-population.js'
import type { Check } from '../../check.js'
import { expectEqual, expectRejects, expectResolves } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createUsers, expectUsersExactly } from '../../harness/users-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'
import { clockStep } from './users-setters.js'

/** Two or more users with distinct emails, and two distinct positions among them. */
const twoUsers = fc
  .tuple(userPopulation({ minLength: 2, maxLength: 4 }), fc.nat(), fc.nat())
  .map(([inputs, a, b]) => {
    const mover = a % inputs.length
    return { inputs, mover, owner: (mover + 1 + (b % (inputs.length - 1))) % inputs.length }
  })

/** `users.updateEmail`: one atomic write that moves the user or changes nothing at all (CONTRACT §3.1). */
export const usersUpdateEmailChecks: readonly Check[] = [
  {
    id: 'users.updateEmail.duplicate-leaves-nothing-changed',
    title:
      'updateEmail to an email another user has rejects with USER_ALREADY_EXISTS (email = the new email) and changes nothing on either user (email, cutoff, updatedAt).',
    area: 'users',
    level: 'MUST',
    clause: '§7 P6',
    async run(ctx) {
      await ctx.property(
        [twoUsers, clockStep],
        ({ inputs, mover, owner }, step) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            store.clock.advance(step)
            const taken = users[owner]!.email
            const error = await expectRejects(
              () => store.repos.users.updateEmail(users[mover]!.id, taken),
              'USER_ALREADY_EXISTS',
              `users.updateEmail(<id of ${describeValue(users[mover]!.email)}>, ${describeValue(taken)}) to another user's email`,
            )
            expectEqual(error.email, taken, 'UserAlreadyExistsError.email of users.updateEmail')
            await expectUsersExactly(store, users, 'after a rejected updateEmail')
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'users.updateEmail.moves-the-user',
    title:
      'updateEmail to a free email moves the user: the old email finds nobody (and is free again), the new one finds the user with tokensInvalidatedAfter = updatedAt = clock.now().',
    area: 'users',
    level: 'MUST',
    clause: '§7 P5',
    async run(ctx) {
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 3 }), fc.nat(), emailString(), clockStep],
        async (inputs, pick, free, step) => {
          fc.pre(!inputs.some((u) => u.email === free))
          await ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            const index = pick % users.length
            const mover = users[index]!
            store.clock.advance(step)
            const now = store.clock.now()
            await expectResolves(
              () => store.repos.users.updateEmail(mover.id, free),
              `users.updateEmail(<id>, ${describeValue(free)}) to a free email`,
            )
            expectEqual(
              await store.repos.users.getByEmail(mover.email),
              null,
              'users.getByEmail(old email) after updateEmail',
            )
            const moved = { ...mover, email: free, tokensInvalidatedAfter: now, updatedAt: now }
            await expectUsersExactly(
              store,
              users.map((u, i) => (i === index ? moved : u)),
              `after users.updateEmail(<id>, ${describeValue(free)})`,
            )
            // The old email is free again: a stale uniqueness entry would reject this create.
            await createUsers(store, [{ ...inputs[index]!, email: mover.email }])
          })
        },
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'users.updateEmail.own-email-bumps-cutoff',
    title:
      'updateEmail to the user\u2019s own current email succeeds and still sets tokensInvalidatedAfter = updatedAt = clock.now().',
    area: 'users',
    level: 'MUST',
    clause: '§3.1',
    async run(ctx) {
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 3 }), fc.nat(), clockStep],
        (inputs, pick, step) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            const index = pick % users.length
            store.clock.advance(step)
            const now = store.clock.now()
            await expectResolves(
              () => store.repos.users.updateEmail(users[index]!.id, users[index]!.email),
              `users.updateEmail(<id>, ${describeValue(users[index]!.email)}) to the user's own email`,
            )
            const expected = users.map((u, i) =>
              i === index ? { ...u, tokensInvalidatedAfter: now, updatedAt: now } : u,
            )
            await expectUsersExactly(store, expected, 'after updateEmail to the same email')
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'users.updateEmail.near-miss-of-taken-email-allowed',
    title:
      'updateEmail to a case, white-space or normalisation variant of another user\u2019s email succeeds: it is a different email.',
    area: 'users',
    level: 'MUST',
    clause: '§0.5',
    async run(ctx) {
      await ctx.property(
        [twoUsers, fc.nat(), clockStep],
        async ({ inputs, mover, owner }, variantPick, step) => {
          const variants = nearMisses(inputs[owner]!.email).filter((v) => !inputs.some((u) => u.email === v))
          fc.pre(variants.length > 0)
          const variant = variants[variantPick % variants.length]!
          await ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            store.clock.advance(step)
            const now = store.clock.now()
            await expectResolves(
              () => store.repos.users.updateEmail(users[mover]!.id, variant),
              `users.updateEmail(<id>, ${describeValue(variant)}) while another user has ${describeValue(users[owner]!.email)}`,
            )
            const expected = users.map((u, i) =>
              i === mover ? { ...u, email: variant, tokensInvalidatedAfter: now, updatedAt: now } : u,
            )
            await expectUsersExactly(store, expected, 'after updateEmail to a near miss of a taken email')
          })
        },
        freshStoreRuns(ctx),
      )
    },
  },
]
