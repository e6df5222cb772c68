import { makeNewUser, type User } from '@regstack/protocols'
import type { Check } from '../../check.js'
import { expectEqual, firstDifference } from '../../harness/assert.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { describeValue } from '../../harness/describe-value.js'
import { faultCheck, nextCall, underFault } from './fault-batch.js'

const USERS = 12

/**
 * updatePassword (hash + cutoff + updatedAt) and updateEmail (email + cutoff + updatedAt) on distinct
 * users while the connections die. Each user then holds exactly its old row or exactly its new one;
 * a call that resolved must have applied. The clock moves between create and update, so a half-applied
 * write (new hash with the old cutoff, new email with the old updatedAt, …) matches neither.
 */
const multiFieldWrites: Check = faultCheck(
  'faults.users.multi-field-updates-never-half-applied',
  'updatePassword and updateEmail interrupted by killed connections leave each user wholly updated or wholly untouched; a call that resolved has applied, and every failure is UNAVAILABLE.',
  async (store, n) => {
    const { users } = store.repos
    const created: User[] = []
    for (let i = 0; i < USERS; i++) {
      created.push(
        await users.create(
          makeNewUser({ email: `fault-${n}-${i}@x.io`, hashedPassword: 'old' }, store.clock),
        ),
      )
    }
    store.clock.advance(1_000)
    const at = store.clock.now()
    const updated = created.map(
      (u, i): User =>
        i % 2 === 0
          ? { ...u, hashedPassword: `new-hash-${n}-${i}`, tokensInvalidatedAfter: at, updatedAt: at }
          : { ...u, email: `moved-${n}-${i}@x.io`, tokensInvalidatedAfter: at, updatedAt: at },
    )
    const outcomes = await underFault(
      store,
      created.map(
        (u, i) => () =>
          i % 2 === 0
            ? users.updatePassword(u.id, `new-hash-${n}-${i}`)
            : users.updateEmail(u.id, `moved-${n}-${i}@x.io`),
      ),
      `${USERS} parallel updatePassword/updateEmail calls`,
    )
    await nextCall(() => users.getById(created[0]?.id ?? ''), 'users.getById')
    for (const [i, before] of created.entries()) {
      const after = updated[i] as User
      const row = await users.getById(before.id)
      const applied = firstDifference(row, after, '') === undefined
      const untouched = firstDifference(row, before, '') === undefined
      const call = i % 2 === 0 ? 'updatePassword' : 'updateEmail'
      if (!applied && !untouched) {
        throw new ContractViolation(
          `${call} interrupted by a connection kill left a half-applied row: before ${describeValue(before)}, ` +
            `intended ${describeValue(after)}, stored ${describeValue(row)}`,
        )
      }
      if (outcomes[i]?.status === 'fulfilled' && !applied) {
        throw new ContractViolation(`${call} resolved but its write is missing: stored ${describeValue(row)}`)
      }
      if (i % 2 === 1) {
        expectEqual(
          await users.getByEmail(after.email),
          applied ? after : null,
          `getByEmail(new email) after ${call}`,
        )
        expectEqual(
          await users.getByEmail(before.email),
          applied ? null : before,
          `getByEmail(old email) after ${call}`,
        )
      }
    }
  },
)

/** Multi-field user writes under connection loss (CONTRACT §0.8: single atomic writes). */
export const userWriteFaultChecks: readonly Check[] = [multiFieldWrites]
