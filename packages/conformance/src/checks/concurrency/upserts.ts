import type { NewMfaCode, NewPendingRegistration } from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check } from '../../check.js'
import { expectEqual, expectTrue, firstDifference } from '../../harness/assert.js'
import { expectAllFulfilled, RACE_WIDTH, race, times } from '../../harness/concurrency-outcomes.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { describeValue } from '../../harness/describe-value.js'
import { after, DAY_MS, raceCheck } from './race-check.js'

/** Fails unless `row` is exactly one of `inputs` plus an id (a whole input, never a mix of several). */
function expectOneOf<T extends object>(row: unknown, inputs: readonly T[], what: string): number {
  const id = (row as { id?: unknown } | null)?.id
  const index = inputs.findIndex((input) => firstDifference(row, { ...input, id }, '') === undefined)
  if (row === null || index < 0) {
    throw new ContractViolation(`${what}: expected one of the inputs entirely, got ${describeValue(row)}`)
  }
  return index
}

const mfaPut: Check = raceCheck(
  'concurrency.mfaCodes.put.one-row-remains',
  'Parallel puts for one (userId, kind) never reject and leave exactly one row, equal to one of the inputs.',
  async (store, n) => {
    const userId = `race-put-${n}`
    const inputs: NewMfaCode[] = Array.from({ length: RACE_WIDTH }, (_, i) => ({
      userId,
      kind: 'phone_setup',
      codeHash: sha256Hex(`code-${i}`),
      expiresAt: after(store, DAY_MS + i * 1000),
      attempts: i % 3,
      maxAttempts: 5 + i,
      createdAt: after(store, -i * 1000),
    }))
    const what = `${RACE_WIDTH} parallel mfaCodes.put for one (userId, kind)`
    expectAllFulfilled(await race(inputs.map((input) => () => store.repos.mfaCodes.put(input))), what)
    expectOneOf(
      await store.repos.mfaCodes.find({ userId, kind: 'phone_setup' }),
      inputs,
      `${what}: the row left`,
    )
  },
)

const pendingUpsert: Check = raceCheck(
  'concurrency.pending.upsert.one-row-remains',
  'Parallel upserts for one email never reject, leave exactly one row equal to one of the inputs, and only its token hash is findable.',
  async (store, n) => {
    const { repos } = store
    const email = `race-pending-${n}@example.com`
    const inputs: NewPendingRegistration[] = Array.from({ length: RACE_WIDTH }, (_, i) => ({
      email,
      hashedPassword: `hash-${i}`,
      fullName: i % 2 === 0 ? null : `Name ${i}`,
      tokenHash: sha256Hex(`race-${n}-${i}`),
      createdAt: after(store, -i * 1000),
      expiresAt: after(store, DAY_MS + i * 1000),
    }))
    const rowsBefore = await repos.pending.countUnexpired(new Date(0))
    const what = `${RACE_WIDTH} parallel pending.upsert for one email`
    expectAllFulfilled(await race(inputs.map((input) => () => repos.pending.upsert(input))), what)
    const winner = expectOneOf(await repos.pending.findByEmail(email), inputs, `${what}: the row left`)
    expectEqual(await repos.pending.countUnexpired(new Date(0)), rowsBefore + 1, `${what}: row count`)
    const findable: number[] = []
    for (const [i, input] of inputs.entries()) {
      if ((await repos.pending.findByTokenHash(input.tokenHash)) !== null) findable.push(i)
    }
    expectEqual(findable, [winner], `${what}: inputs whose token hash is findable`)
  },
)

/** Revoking one jti with different exps in parallel keeps one row with one of them, which a purge sweep finds. */
const revokeRace: Check = raceCheck(
  'concurrency.blacklist.revoke.one-exp-survives',
  'Parallel revokes of one jti with different exps never reject and keep exactly one entry, with one of the given exps.',
  async (store, n) => {
    const { repos } = store
    const jti = `race-jti-${n}`
    const exps = Array.from({ length: RACE_WIDTH }, (_, i) => after(store, DAY_MS + i * 1000))
    // A permutation (5 is coprime with 12), so the first call started does not carry the smallest exp.
    const order = exps.map((_, i) => exps[(i * 5 + n) % RACE_WIDTH] as Date)
    const what = `${RACE_WIDTH} parallel blacklist.revoke of one jti`
    expectAllFulfilled(await race(order.map((exp) => () => repos.blacklist.revoke(jti, exp))), what)
    expectTrue(await repos.blacklist.isRevoked(jti), `${what}: isRevoked afterwards`)
    // purgeExpired deletes exp < t: sweeping t from the smallest exp upwards finds every row once.
    const first = exps[0] as Date
    expectEqual(
      await repos.blacklist.purgeExpired(first),
      0,
      `${what}: purgeExpired(smallest exp) (no exp below the inputs)`,
    )
    const found: string[] = []
    for (const exp of exps) {
      const purged = await repos.blacklist.purgeExpired(new Date(exp.getTime() + 1))
      for (let k = 0; k < purged; k++) found.push(exp.toISOString())
    }
    expectTrue(
      found.length === 1,
      `${what}: expected exactly one entry with one of the exps, found ${found.length} (${found.join(', ')})`,
    )
    expectTrue(!(await repos.blacklist.isRevoked(jti)), `${what}: an entry outlived every exp given`)
  },
)

const recordFailureRace: Check = raceCheck(
  'concurrency.attempts.recordFailure.no-lost-writes',
  'Parallel recordFailure calls for one email are all kept: countRecent sees every one of them.',
  async (store, n) => {
    const email = `race-attempt-${n}@example.com`
    const now = store.clock.now()
    const what = `${RACE_WIDTH} parallel attempts.recordFailure`
    expectAllFulfilled(
      await race(
        times(RACE_WIDTH, (i) => store.repos.attempts.recordFailure(email, { when: now, ip: `10.0.0.${i}` })),
      ),
      what,
    )
    expectEqual(
      await store.repos.attempts.countRecent(email, { windowMs: 0, now }),
      RACE_WIDTH,
      `${what}: countRecent`,
    )
  },
)

/** Upserts and appends under concurrency (CONTRACT §0.8). */
export const upsertChecks: readonly Check[] = [mfaPut, pendingUpsert, revokeRace, recordFailureRace]
