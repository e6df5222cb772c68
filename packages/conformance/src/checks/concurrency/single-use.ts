import type { NewOAuthState } from '@regstack/protocols'
import type { Check, Store } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import {
  expectAllFulfilled,
  expectOneWinner,
  outcomeLabels,
  RACE_WIDTH,
  race,
  tally,
  times,
} from '../../harness/concurrency-outcomes.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { after, DAY_MS, raceCheck } from './race-check.js'

function state(store: Store, id: string, i: number): NewOAuthState {
  return {
    id,
    provider: 'github',
    codeVerifier: `verifier-${i}`,
    nonce: `nonce-${i}`,
    redirectTo: `/after/${i}`,
    mode: 'signin',
    linkingUserId: null,
    createdAt: store.clock.now(),
    expiresAt: after(store, DAY_MS),
    resultToken: `token-${i}`,
  }
}

const consumeOnce: Check = raceCheck(
  'concurrency.oauthStates.consume.exactly-one-caller-gets-the-row',
  'Parallel consume calls on one state hand the row to exactly one caller; every other one gets null.',
  async (store, n) => {
    const created = state(store, `race-consume-${n}`, n)
    await store.repos.oauthStates.create(created)
    const outcomes = await race(times(RACE_WIDTH, () => store.repos.oauthStates.consume(created.id)))
    const values = expectAllFulfilled(
      outcomes,
      `${RACE_WIDTH} parallel consume(${JSON.stringify(created.id)})`,
    )
    const rows = values.filter((v) => v !== null)
    if (rows.length !== 1) {
      throw new ContractViolation(
        `${RACE_WIDTH} parallel consume: expected 1 × row, ${RACE_WIDTH - 1} × null; got ` +
          tally(outcomeLabels(outcomes, (v) => (v === null ? 'null' : 'row'))),
      )
    }
    expectEqual(rows[0], created, 'the row consume handed out')
    expectEqual(await store.repos.oauthStates.find(created.id), null, 'find after the consume race')
  },
)

const createOnce: Check = raceCheck(
  'concurrency.oauthStates.create.one-id-one-winner',
  'Parallel creates of one OAuth state id: exactly one succeeds, every other one rejects with OAUTH_STATE_ALREADY_EXISTS, and the stored row is the winner’s.',
  async (store, n) => {
    const id = `race-create-${n}`
    const inputs = Array.from({ length: RACE_WIDTH }, (_, i) => state(store, id, i))
    const outcomes = await race(inputs.map((input) => () => store.repos.oauthStates.create(input)))
    const winner = expectOneWinner(
      outcomes,
      'OAUTH_STATE_ALREADY_EXISTS',
      `${RACE_WIDTH} parallel oauthStates.create`,
    )
    expectEqual(
      await store.repos.oauthStates.find(id),
      inputs[winner],
      'the stored state after the create race',
    )
  },
)

/** Single-use and single-insert rows of the OAuth state repository. */
export const singleUseChecks: readonly Check[] = [consumeOnce, createOnce]
