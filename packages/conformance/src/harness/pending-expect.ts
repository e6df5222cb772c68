import { MIN_DATE_MS, type NewPendingRegistration, type PendingRegistration } from '@regstack/protocols'
import type { Store } from '../check.js'
import { expectEqual, expectTrue } from './assert.js'
import { describeValue } from './describe-value.js'
import { setupStep } from './setup-step.js'

/** The row the contract expects for `input` stored under `id`: exactly the model's fields, copied. */
export function pendingOf(id: string, input: NewPendingRegistration): PendingRegistration {
  return {
    id,
    email: input.email,
    hashedPassword: input.hashedPassword,
    fullName: input.fullName,
    tokenHash: input.tokenHash,
    createdAt: new Date(input.createdAt.getTime()),
    expiresAt: new Date(input.expiresAt.getTime()),
  }
}

/** Upserts one row, which must succeed and return the input plus a non-empty id of at most 36 units. */
export async function upsertPending(
  store: Store,
  input: NewPendingRegistration,
): Promise<PendingRegistration> {
  const returned = await setupStep(
    'pending.upsert',
    `pending.upsert(${describeValue(input.email)}) with a free token hash`,
    () => store.repos.pending.upsert(input),
    {
      test: (row) => typeof row?.id === 'string' && row.id.length > 0 && row.id.length <= 36,
      expected: 'the row with a non-empty string id of at most 36 units',
    },
  )
  const id = returned.id
  const expected = pendingOf(id, input)
  expectEqual(returned, expected, `pending.upsert(${describeValue(input.email)}) return value`)
  return expected
}

/** Upserts every input in order (emails and token hashes pairwise distinct). */
export async function upsertAllPending(
  store: Store,
  inputs: readonly NewPendingRegistration[],
): Promise<PendingRegistration[]> {
  const rows: PendingRegistration[] = []
  for (const input of inputs) rows.push(await upsertPending(store, input))
  return rows
}

/**
 * Fails unless `findByEmail` and `findByTokenHash` both return exactly `expected`; a row the engine
 * may already have reaped (automatic expiry, CONTRACT §0.13) may also be absent.
 */
export async function expectPendingStored(
  store: Store,
  expected: PendingRegistration,
  when: string,
): Promise<void> {
  const byEmail = await store.repos.pending.findByEmail(expected.email)
  if (!(byEmail === null && store.mayBeReaped(expected.expiresAt))) {
    expectEqual(byEmail, expected, `pending.findByEmail(${describeValue(expected.email)}) ${when}`)
  }
  const byToken = await store.repos.pending.findByTokenHash(expected.tokenHash)
  if (!(byToken === null && store.mayBeReaped(expected.expiresAt))) {
    expectEqual(byToken, expected, `pending.findByTokenHash(${describeValue(expected.tokenHash)}) ${when}`)
  }
}

/** Fails unless neither the email nor the token hash of `row` finds anything. */
export async function expectPendingGone(
  store: Store,
  row: NewPendingRegistration,
  when: string,
): Promise<void> {
  const byEmail = await store.repos.pending.findByEmail(row.email)
  expectEqual(byEmail, null, `pending.findByEmail(${describeValue(row.email)}) ${when}`)
  const byToken = await store.repos.pending.findByTokenHash(row.tokenHash)
  expectEqual(byToken, null, `pending.findByTokenHash(${describeValue(row.tokenHash)}) ${when}`)
}

/**
 * Fails unless the store holds exactly `rows`: each found by email and token hash, and the row count
 * (`countUnexpired` at the earliest instant, so callers must not store a row expiring exactly then)
 * matching, less any rows the engine may have reaped.
 */
export async function expectPendingExactly(
  store: Store,
  rows: readonly PendingRegistration[],
  when: string,
): Promise<void> {
  for (const row of rows) await expectPendingStored(store, row, when)
  const count = await store.repos.pending.countUnexpired(new Date(MIN_DATE_MS))
  const reapable = rows.filter((r) => store.mayBeReaped(r.expiresAt)).length
  expectTrue(
    count <= rows.length && count >= rows.length - reapable,
    `pending.countUnexpired(new Date(0)) ${when}: expected ${rows.length} (every row), got ${count}`,
  )
}
