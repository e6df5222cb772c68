import type { NewUser, User } from '@regstack/protocols'
import fc from 'fast-check'
import { userPopulation } from '../../arbitraries/users-population.js'
import type { Check, Store } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createUsers, sortedForListing } from '../../harness/users-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'

const population = userPopulation({ minLength: 1, maxLength: 10, tieProne: true })

/** Compares ids first (the readable part of an ordering failure), then whole users. */
function expectListing(actual: User[], expected: readonly User[], what: string): void {
  expectEqual(
    actual.map((u) => (u as { id?: unknown }).id),
    expected.map((u) => u.id),
    `ids of ${what}`,
  )
  expectEqual(actual, expected, what)
}

function order(desc: boolean): string {
  return desc ? 'createdAt desc, id desc' : 'createdAt asc, id asc'
}

/** Fifty-three users in tie groups of up to four: enough to overflow the default page of 50. */
async function overflowDefaultPage(store: Store): Promise<User[]> {
  const base = store.clock.now().getTime()
  const inputs: NewUser[] = Array.from({ length: 53 }, (_, i) => ({
    email: `user-${i}@example.com`,
    hashedPassword: null,
    isActive: true,
    isVerified: i % 2 === 0,
    isSuperuser: false,
    fullName: null,
    phoneNumber: null,
    isMfaEnabled: false,
    createdAt: new Date(base - (i % 14) * 1000),
    updatedAt: new Date(base),
    lastLogin: null,
    tokensInvalidatedAfter: null,
  }))
  return createUsers(store, inputs)
}

/** `users.listPaged` (CONTRACT §0.10, §3.1, §7 P8). */
export const usersListPagedChecks: readonly Check[] = [
  {
    id: 'users.listPaged.sorted-with-id-tie-break',
    title:
      'listPaged sorts by createdAt descending by default and ascending with sortByCreatedAtDesc false, ties broken by id (JavaScript string order) in the same direction.',
    area: 'users',
    level: 'MUST',
    clause: '§0.10',
    async run(ctx) {
      await ctx.property(
        [population],
        (inputs) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            const limit = users.length
            expectListing(
              await store.repos.users.listPaged({ limit }),
              sortedForListing(users, true),
              `users.listPaged({ limit: ${limit} }) (${order(true)})`,
            )
            for (const desc of [true, false]) {
              const actual = await store.repos.users.listPaged({ limit, sortByCreatedAtDesc: desc })
              expectListing(
                actual,
                sortedForListing(users, desc),
                `users.listPaged({ limit: ${limit}, sortByCreatedAtDesc: ${desc} }) (${order(desc)})`,
              )
            }
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'users.listPaged.skip-and-limit-slice',
    title:
      'listPaged({ skip, limit }) is the slice [skip, skip + limit) of the sorted users: min(limit, max(0, total − skip)) of them.',
    area: 'users',
    level: 'MUST',
    clause: '§7 P8',
    async run(ctx) {
      const windows = fc.array(fc.tuple(fc.nat({ max: 12 }), fc.integer({ min: 1, max: 12 }), fc.boolean()), {
        minLength: 1,
        maxLength: 6,
      })
      await ctx.property(
        [population, windows],
        (inputs, probes) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            for (const [skip, limit, desc] of probes) {
              const expected = sortedForListing(users, desc).slice(skip, skip + limit)
              const opts = { skip, limit, sortByCreatedAtDesc: desc }
              expectListing(
                await store.repos.users.listPaged(opts),
                expected,
                `users.listPaged(${describeValue(opts)}) over ${users.length} users`,
              )
            }
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'users.listPaged.pages-cover-everyone-once',
    title:
      'Paging through all users with any page size, in either direction, yields every user exactly once, in order.',
    area: 'users',
    level: 'MUST',
    clause: '§0.10',
    async run(ctx) {
      await ctx.property(
        [population, fc.integer({ min: 1, max: 4 })],
        (inputs, limit) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            for (const desc of [true, false]) {
              const seen: User[] = []
              for (let skip = 0; skip <= users.length; skip += limit) {
                seen.push(...(await store.repos.users.listPaged({ skip, limit, sortByCreatedAtDesc: desc })))
              }
              expectListing(
                seen,
                sortedForListing(users, desc),
                `pages of ${limit} from users.listPaged (${order(desc)}), concatenated`,
              )
            }
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 2)),
      )
    },
  },
  {
    id: 'users.listPaged.defaults',
    title:
      'listPaged() defaults to skip 0, limit 50, newest first; null, {} and null-valued options mean the same.',
    area: 'users',
    level: 'MUST',
    clause: '§0.6',
    async run(ctx) {
      const store = await ctx.open()
      const users = await overflowDefaultPage(store)
      const sorted = sortedForListing(users, true)
      const firstPage = sorted.slice(0, 50)
      const repo = store.repos.users
      expectListing(await repo.listPaged(), firstPage, 'users.listPaged() with 53 users')
      expectListing(await repo.listPaged(undefined), firstPage, 'users.listPaged(undefined) with 53 users')
      expectListing(await repo.listPaged(null), firstPage, 'users.listPaged(null) with 53 users')
      expectListing(await repo.listPaged({}), firstPage, 'users.listPaged({}) with 53 users')
      const nulls = { skip: null, limit: null, sortByCreatedAtDesc: null }
      expectListing(
        await repo.listPaged(nulls),
        firstPage,
        'users.listPaged({ skip: null, limit: null, sortByCreatedAtDesc: null })',
      )
      expectListing(
        await repo.listPaged({ skip: 50 }),
        sorted.slice(50),
        'users.listPaged({ skip: 50 }) with 53 users',
      )
      expectListing(
        await repo.listPaged({ limit: 100 }),
        sorted,
        'users.listPaged({ limit: 100 }) with 53 users',
      )
      expectListing(
        await repo.listPaged({ sortByCreatedAtDesc: false }),
        sortedForListing(users, false).slice(0, 50),
        'users.listPaged({ sortByCreatedAtDesc: false }) with 53 users',
      )
    },
  },
]
