import { makeNewOAuthState, type NewOAuthState } from '@regstack/protocols'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { DAY_MS } from '../concurrency/race-check.js'
import { faultCheck, nextCall, underFault } from './fault-batch.js'

const STATES = 6
const CALLERS = 3

/**
 * Consumes racing a connection kill. A consume that failed with UNAVAILABLE has an unknown outcome:
 * it may have deleted the row (the row then reached nobody: the caller got an error) or not (the row
 * is still there). What must never happen: the row handed to two callers, across the interrupted batch
 * and the calls after it, or a row gone although no call that could have taken it failed.
 */
const consumeOnce: Check = faultCheck(
  'faults.oauthStates.consume.never-handed-out-twice',
  'consume interrupted by killed connections hands each OAuth state to at most one caller, ever: a state whose consume failed is either still there for one later caller or gone for good.',
  async (store, n) => {
    const states: NewOAuthState[] = []
    for (let s = 0; s < STATES; s++) {
      // This 2026-05 check sees states without resultWasNew (viewForRevision), so it expects none.
      const { resultWasNew: _flag, ...state } = makeNewOAuthState(
        {
          id: `fault-consume-${n}-${s}`,
          provider: 'github',
          codeVerifier: `v-${s}`,
          nonce: `n-${s}`,
          redirectTo: `/r/${s}`,
          mode: 'signin',
          expiresAt: new Date(store.clock.now().getTime() + DAY_MS),
        },
        store.clock,
      )
      await store.repos.oauthStates.create(state)
      states.push(state)
    }
    const calls = states.flatMap((s) =>
      Array.from({ length: CALLERS }, () => () => store.repos.oauthStates.consume(s.id)),
    )
    const outcomes = await underFault(store, calls, `${calls.length} parallel consume calls`)
    await nextCall(() => store.repos.oauthStates.find(states[0]?.id ?? ''), 'oauthStates.find')
    for (const [s, state] of states.entries()) {
      const mine = outcomes.slice(s * CALLERS, (s + 1) * CALLERS)
      const handed = mine.flatMap((o) => (o.status === 'fulfilled' && o.value !== null ? [o.value] : []))
      const failed = mine.filter((o) => o.status === 'rejected').length
      if (handed.length > 1) {
        throw new ContractViolation(
          `state ${state.id}: ${handed.length} interrupted consume calls all got the row`,
        )
      }
      if (handed[0] !== undefined) expectEqual(handed[0], state, `the row consume handed out (${state.id})`)
      const later = await store.repos.oauthStates.consume(state.id)
      if (handed.length === 1) {
        expectEqual(later, null, `a later consume of ${state.id}, already handed out during the kill`)
      } else if (later === null && failed === 0) {
        throw new ContractViolation(
          `state ${state.id} vanished: no consume returned it and none failed, yet a later consume got null`,
        )
      } else if (later !== null) {
        expectEqual(later, state, `the row a later consume got (${state.id})`)
      }
      expectEqual(
        await store.repos.oauthStates.consume(state.id),
        null,
        `a second later consume of ${state.id}`,
      )
    }
  },
)

/** Single-use OAuth states under connection loss (CONTRACT §0.8). */
export const consumeFaultChecks: readonly Check[] = [consumeOnce]
