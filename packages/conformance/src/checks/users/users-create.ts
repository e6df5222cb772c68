import type { NewUser } from '@regstack/protocols'
import fc from 'fast-check'
import { newUser } from '../../arbitraries/models.js'
import { nearMisses } from '../../arbitraries/strings.js'
import { userPopulation } from '../../arbitraries/users-population.js'
import { exactLengthEmail, exactLengthString } from '../../arbitraries/users-strings.js'
import type { Check } from '../../check.js'
import { expectEqual, expectRejects, expectResolves, expectTrue } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createUsers, expectUserStored, expectUsersExactly, userOf } from '../../harness/users-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'

/** `users.create`: what it returns, what it stores, and how it treats duplicates (CONTRACT §3.1, §0). */
export const usersCreateChecks: readonly Check[] = [
  {
    id: 'users.create.round-trips',
    title:
      'A created user reads back from getById and getByEmail equal field by field to the input (ms dates, nulls, Unicode).',
    area: 'users',
    level: 'MUST',
    clause: '§7 P1',
    async run(ctx) {
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 6 })],
        (inputs) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            await expectUsersExactly(store, users, 'after creating these users')
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'users.create.duplicate-email-rejected',
    title:
      'create with an email another user has exactly rejects with USER_ALREADY_EXISTS (email = the argument) and changes nothing.',
    area: 'users',
    level: 'MUST',
    clause: '§7 P3',
    async run(ctx) {
      await ctx.property(
        [userPopulation({ minLength: 1, maxLength: 4 }), fc.nat(), newUser()],
        (inputs, pick, other) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            const taken = users[pick % users.length]!.email
            const error = await expectRejects(
              () => store.repos.users.create({ ...other, email: taken }),
              'USER_ALREADY_EXISTS',
              `users.create with the taken email ${describeValue(taken)}`,
            )
            expectEqual(error.email, taken, 'UserAlreadyExistsError.email of users.create')
            await expectUsersExactly(store, users, 'after a rejected duplicate create')
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'users.create.near-miss-emails-are-different-users',
    title:
      'Emails differing only in case, surrounding white space or Unicode normalisation are different users: none finds another, all can be created.',
    area: 'users',
    level: 'MUST',
    clause: '§0.5',
    async run(ctx) {
      await ctx.property(
        [newUser(), newUser()],
        (first, template) =>
          ctx.withStore(async (store) => {
            const [original] = await createUsers(store, [first])
            const variants = nearMisses(first.email)
            for (const variant of variants) {
              const found = await store.repos.users.getByEmail(variant)
              expectEqual(
                found,
                null,
                `users.getByEmail(${describeValue(variant)}) with only ${describeValue(first.email)} stored`,
              )
            }
            const twins = await createUsers(
              store,
              variants.map((email) => ({ ...template, email })),
            )
            await expectUsersExactly(
              store,
              [original!, ...twins],
              'after creating near-miss twins of one email',
            )
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'users.create.values-at-limits-round-trip',
    title:
      'Strings exactly at their limits (email 320, fullName 200, phoneNumber 20, hashedPassword 4096 UTF-16 units) are stored and read back unchanged.',
    area: 'users',
    level: 'MUST',
    clause: '§0.6',
    async run(ctx) {
      const limits = fc.record({
        email: exactLengthEmail(320),
        fullName: exactLengthString(200),
        phoneNumber: exactLengthString(20),
        hashedPassword: exactLengthString(4096),
      })
      await ctx.property(
        [newUser(), limits],
        (base, atLimit) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, [{ ...base, ...atLimit }])
            await expectUsersExactly(store, users, 'after creating a user with every string at its limit')
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
  {
    id: 'users.create.returns-input-plus-id',
    title:
      'create returns exactly the input fields plus a fresh id: a non-empty string of at most 36 characters, distinct per user.',
    area: 'users',
    level: 'MUST',
    clause: '§0.4',
    async run(ctx) {
      const store = await ctx.open()
      const ids = new Set<string>()
      let n = 0
      await ctx.property([newUser()], async (input) => {
        n += 1
        // A shared store keeps this cheap; the counter keeps emails unique across cases and shrinks.
        const unique: NewUser = { ...input, email: `${n}.${input.email}` }
        const created = await expectResolves(() => store.repos.users.create(unique), 'users.create')
        const id: unknown = (created as { id?: unknown } | null)?.id
        expectTrue(
          typeof id === 'string' && id.length > 0 && id.length <= 36,
          `users.create: id must be a non-empty string of at most 36 UTF-16 units, got ${describeValue(id)}`,
        )
        expectTrue(!ids.has(id), `users.create returned the id ${describeValue(id)} a second time`)
        ids.add(id)
        expectEqual(created, userOf(id, unique), 'users.create return value')
      })
    },
  },
  {
    id: 'users.create.ignores-unknown-keys',
    title: 'Unknown extra keys on the create input (id included) are neither stored nor returned.',
    area: 'users',
    level: 'MUST',
    clause: '§0.7',
    async run(ctx) {
      await ctx.property(
        [newUser()],
        (input) =>
          ctx.withStore(async (store) => {
            const callerId = 'caller-chosen-id'
            const noisy = {
              ...input,
              id: callerId,
              plan: 'pro',
              _id: 'x',
              is_admin: true,
              extra: { nested: 1 },
            }
            const created = await expectResolves(
              () => store.repos.users.create(noisy),
              'users.create with extra keys',
            )
            const id = (created as { id?: unknown }).id
            expectTrue(
              typeof id === 'string' && id !== callerId,
              `users.create must generate its own id, got ${describeValue(id)}`,
            )
            expectEqual(created, userOf(id, input), 'users.create return value for an input with extra keys')
            await expectUserStored(store, userOf(id, input), 'after a create with extra keys')
            const page = await store.repos.users.listPaged()
            expectEqual(page, [userOf(id, input)], 'users.listPaged() after a create with extra keys')
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
]
