import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { DAY_MS } from '../concurrency/race-check.js'
import { failures, faultCheck, killIdle, nextCall, underFault } from './fault-batch.js'

const RECORDS = 16

/**
 * Lockout counters under a kill: every recordFailure that resolved is counted; one that failed may or
 * may not have been (its outcome is unknown), so the count lies between the two.
 */
const failuresCounted: Check = faultCheck(
  'faults.attempts.recordFailure-never-lost',
  'recordFailure interrupted by killed connections loses no resolved failure: countRecent is at least the number that resolved and at most the number issued.',
  async (store, n) => {
    const email = `fault-lockout-${n}@x.io`
    const outcomes = await underFault(
      store,
      Array.from({ length: RECORDS }, () => () => store.repos.attempts.recordFailure(email)),
      `${RECORDS} parallel recordFailure calls`,
    )
    const failed = failures(outcomes)
    const counted = await nextCall(
      () => store.repos.attempts.countRecent(email, { windowMs: DAY_MS, now: store.clock.now() }),
      'attempts.countRecent',
    )
    if (counted < RECORDS - failed || counted > RECORDS) {
      throw new ContractViolation(
        `${RECORDS} recordFailure calls under a connection kill, ${RECORDS - failed} resolved and ${failed} failed, ` +
          `but countRecent says ${counted}`,
      )
    }
  },
)

/**
 * Killing idle pooled connections is the case a pool gets wrong most often: it hands out a dead one.
 * The adapter must notice and reconnect by itself, on the same `repos` object, for reads and writes.
 */
const idleRecovery: Check = faultCheck(
  'faults.recovery.next-call-succeeds',
  'After its idle connections are killed, the very next call on the same repos object succeeds, for a read and for a write.',
  async (store, n) => {
    const email = `fault-idle-${n}@x.io`
    await store.repos.attempts.recordFailure(email)
    await killIdle(store)
    const count = () => store.repos.attempts.countRecent(email, { windowMs: DAY_MS, now: store.clock.now() })
    expectEqual(await nextCall(count, 'attempts.countRecent'), 1, 'countRecent after an idle kill')
    await killIdle(store)
    await nextCall(() => store.repos.attempts.recordFailure(email), 'attempts.recordFailure')
    expectEqual(await count(), 2, 'countRecent after a write that followed an idle kill')
  },
)

/** Lockout counters and recovery under connection loss (CONTRACT §0.8). */
export const recoveryFaultChecks: readonly Check[] = [failuresCounted, idleRecovery]
