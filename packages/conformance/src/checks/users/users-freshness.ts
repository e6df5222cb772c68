import type { NewUser, User } from '@regstack/protocols'
import { newUser } from '../../arbitraries/models.js'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves } from '../../harness/assert.js'
import { expectUserStored, userOf } from '../../harness/users-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** Scribbles over every field of a user-shaped object, dates mutated in place. */
function scribble(target: Mutable<Partial<User>>): void {
  target.email = 'scribbled@example.com'
  target.fullName = 'scribbled'
  target.isActive = !target.isActive
  target.createdAt?.setTime(0)
  target.updatedAt?.setTime(0)
  target.lastLogin?.setTime(0)
  target.tokensInvalidatedAfter?.setTime(0)
}

/** Inputs stay the caller's and outputs are the caller's to keep (CONTRACT §0.7, §0.3). */
export const usersFreshnessChecks: readonly Check[] = [
  {
    id: 'users.create.does-not-mutate-input',
    title: 'create leaves its input object untouched (no id added, no field or Date changed).',
    area: 'users',
    level: 'MUST',
    clause: '§0.7',
    async run(ctx) {
      await ctx.property(
        [newUser()],
        (input) =>
          ctx.withStore(async (store) => {
            const before = structuredClone(input)
            await expectResolves(() => store.repos.users.create(input), 'users.create')
            expectEqual(input, before, 'the NewUser passed to users.create, afterwards')
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
  {
    id: 'users.reads.return-fresh-objects',
    title:
      "Mutating the create input's Dates, the returned user or a read user (its Dates in place) changes nothing stored.",
    area: 'users',
    level: 'MUST',
    clause: '§0.7',
    async run(ctx) {
      await ctx.property(
        [newUser()],
        (generated) =>
          ctx.withStore(async (store) => {
            const input: Mutable<NewUser> = structuredClone(generated)
            const created = await store.repos.users.create(input)
            const expected = userOf(created.id, generated)
            scribble(input)
            scribble(created)
            await expectUserStored(store, expected, 'after mutating the create input and its return value')
            const byId = await store.repos.users.getById(expected.id)
            if (byId !== null) scribble(byId)
            const byEmail = await store.repos.users.getByEmail(expected.email)
            if (byEmail !== null) scribble(byEmail)
            const [listed] = await store.repos.users.listPaged()
            if (listed !== undefined) scribble(listed)
            await expectUserStored(
              store,
              expected,
              'after mutating users returned by getById, getByEmail and listPaged',
            )
            expectEqual(
              await store.repos.users.listPaged(),
              [expected],
              'users.listPaged() after mutating read users',
            )
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
]
