import type { NewUser } from '@regstack/protocols'
import fc from 'fast-check'
import { unicodeString } from '../../arbitraries/strings.js'
import { userPopulation } from '../../arbitraries/users-population.js'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createUsers, expectUsersExactly } from '../../harness/users-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'
import { UNSTORABLE_EMAILS, unknownIdsFor } from '../../harness/users-unknown-ids.js'

const template: NewUser = {
  email: '',
  hashedPassword: null,
  isActive: true,
  isVerified: false,
  isSuperuser: false,
  fullName: null,
  phoneNumber: null,
  isMfaEnabled: false,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  lastLogin: null,
  tokensInvalidatedAfter: null,
}

/** Ids are opaque: only a stored id finds anything, and odd strings never throw (CONTRACT §0.4, §7 P2). */
export const usersIdChecks: readonly Check[] = [
  {
    id: 'users.getByEmail.unknown-email-is-null',
    title:
      'getByEmail of an email no user has (including strings no row could hold: over 320 units, lone surrogates, U+0000) resolves to null.',
    area: 'users',
    level: 'MUST',
    clause: '§0.6',
    async run(ctx) {
      const store = await ctx.open()
      const users = await createUsers(store, [{ ...template, email: 'someone@example.com' }])
      for (const email of ['', 'nobody@example.com', 'someone@example.co', ...UNSTORABLE_EMAILS]) {
        const found = await expectResolves(
          () => store.repos.users.getByEmail(email),
          `users.getByEmail(${describeValue(email)})`,
        )
        expectEqual(found, null, `users.getByEmail(${describeValue(email)}), which no user has`)
      }
      await expectUsersExactly(store, users, 'after looking up emails nobody has')
    },
  },
  {
    id: 'users.getById.unknown-id-is-null',
    title:
      'getById of any string that is not a stored id (empty, malformed, other case, padded, one character off, another store\u2019s id) resolves to null.',
    area: 'users',
    level: 'MUST',
    clause: '§0.4',
    async run(ctx) {
      const elsewhere = await ctx.open()
      const foreign = await createUsers(
        elsewhere,
        fc.sample(userPopulation({ minLength: 3, maxLength: 3 }), { numRuns: 1, seed: ctx.seed })[0]!,
      )
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 3 }), unicodeString({ maxLength: 40 })],
        (inputs, random) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            const candidates = unknownIdsFor(
              users.map((u) => u.id),
              foreign.map((u) => u.id),
              [random],
            )
            for (const candidate of candidates) {
              const found = await expectResolves(
                () => store.repos.users.getById(candidate),
                `users.getById(${describeValue(candidate)})`,
              )
              expectEqual(found, null, `users.getById(${describeValue(candidate)}), which is not a stored id`)
            }
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 2)),
      )
    },
  },
  {
    id: 'users.delete.unknown-id-is-false',
    title: 'delete of any string that is not a stored id resolves to false and removes nobody.',
    area: 'users',
    level: 'MUST',
    clause: '§0.4',
    async run(ctx) {
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 3 }), unicodeString({ maxLength: 40 })],
        (inputs, random) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            for (const candidate of unknownIdsFor(
              users.map((u) => u.id),
              [],
              [random],
            )) {
              const removed = await expectResolves(
                () => store.repos.users.delete(candidate),
                `users.delete(${describeValue(candidate)})`,
              )
              expectEqual(
                removed,
                false,
                `users.delete(${describeValue(candidate)}), which is not a stored id`,
              )
            }
            await expectUsersExactly(store, users, 'after deleting ids that are not stored')
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 2)),
      )
    },
  },
  {
    id: 'users.delete.removes-exactly-one',
    title:
      'delete of a stored id resolves to true once and false after; the user is gone by id and email, its email is free again, others are untouched.',
    area: 'users',
    level: 'MUST',
    clause: '§3.1',
    async run(ctx) {
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 4 }), fc.nat()],
        (inputs, pick) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            const index = pick % users.length
            const victim = users[index]!
            const others = users.filter((_, i) => i !== index)
            expectEqual(
              await store.repos.users.delete(victim.id),
              true,
              `users.delete(${describeValue(victim.id)}) of a stored user`,
            )
            expectEqual(await store.repos.users.getById(victim.id), null, 'users.getById of the deleted user')
            expectEqual(
              await store.repos.users.getByEmail(victim.email),
              null,
              'users.getByEmail of the deleted user',
            )
            expectEqual(
              await store.repos.users.delete(victim.id),
              false,
              'users.delete of an already deleted user',
            )
            await expectUsersExactly(store, others, 'after deleting one user')
            const [again] = await createUsers(store, [inputs[index]!])
            await expectUsersExactly(
              store,
              [...others, again!],
              'after re-creating a deleted user\u2019s email',
            )
          }),
        freshStoreRuns(ctx),
      )
    },
  },
]
