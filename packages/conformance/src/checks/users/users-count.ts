import type { User, UserCountFilter } from '@regstack/protocols'
import { userPopulation } from '../../arbitraries/users-population.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createUsers } from '../../harness/users-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'

type Flag = 'isActive' | 'isVerified' | 'isSuperuser'
const FLAGS: readonly Flag[] = ['isActive', 'isVerified', 'isSuperuser']
/** Each flag omitted, null (both mean "not given", CONTRACT §0.6), true or false. */
const STATES = ['omitted', null, true, false] as const

/** All 64 filters built from the four states of each of the three flags. */
function allFilters(): UserCountFilter[] {
  let filters: Record<string, boolean | null>[] = [{}]
  for (const flag of FLAGS) {
    filters = filters.flatMap((f) => STATES.map((s) => (s === 'omitted' ? f : { ...f, [flag]: s })))
  }
  return filters
}

function matches(user: User, filter: UserCountFilter): boolean {
  return FLAGS.every((flag) => {
    const wanted = filter[flag]
    return wanted === undefined || wanted === null || user[flag] === wanted
  })
}

/** `users.count` (CONTRACT §3.1, §7 P7). */
export const usersCountChecks: readonly Check[] = [
  {
    id: 'users.count.matches-every-given-flag',
    title:
      'count(filter) is the number of users matching every given flag, for every mix of omitted, null, true and false flags; no filter counts everyone.',
    area: 'users',
    level: 'MUST',
    clause: '§7 P7',
    async run(ctx) {
      const filters = allFilters()
      await ctx.property(
        [userPopulation({ minLength: 0, maxLength: 12 })],
        (inputs) =>
          ctx.withStore(async (store) => {
            const users = await createUsers(store, inputs)
            const total = users.length
            expectEqual(await store.repos.users.count(), total, 'users.count()')
            expectEqual(await store.repos.users.count(null), total, 'users.count(null)')
            expectEqual(await store.repos.users.count(undefined), total, 'users.count(undefined)')
            for (const filter of filters) {
              const expected = users.filter((u) => matches(u, filter)).length
              const actual = await store.repos.users.count(filter)
              const flags = users.map((u) => `${+u.isActive}${+u.isVerified}${+u.isSuperuser}`).join(' ')
              expectEqual(
                actual,
                expected,
                `users.count(${describeValue(filter)}) over users with flags [${flags}]`,
              )
            }
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 2)),
      )
    },
  },
]
