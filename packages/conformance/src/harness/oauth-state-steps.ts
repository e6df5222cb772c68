import type { NewOAuthState } from '@regstack/protocols'
import type { Store } from '../check.js'
import { expectEqual } from './assert.js'
import { describeValue } from './describe-value.js'
import { setupStep } from './setup-step.js'

/** Creates `state`, failing with a readable message if the adapter rejects it. */
export async function createState(store: Store, state: NewOAuthState): Promise<void> {
  await setupStep('oauthStates.create', `oauthStates.create(${describeValue(state)})`, () =>
    store.repos.oauthStates.create(state),
  )
}

/**
 * Fails unless `actual` (what `find` or `consume` returned) is `expected`; a row that automatic
 * expiry may have reaped by now (CONTRACT §0.13) may also be `null`. States are typed as inputs: a
 * `2026-05` check compares them without `resultWasNew` (see `viewForRevision`).
 */
export function expectStateOrReaped(
  store: Store,
  actual: NewOAuthState | null,
  expected: NewOAuthState | null,
  what: string,
): void {
  if (actual === null && expected !== null && store.mayBeReaped(expected.expiresAt)) return
  expectEqual(actual, expected, what)
}

/** Fails unless `find(id)` returns `expected` (or `null` for a reapable row). */
export async function expectFound(
  store: Store,
  id: string,
  expected: NewOAuthState | null,
  when: string,
): Promise<void> {
  const actual = await store.repos.oauthStates.find(id)
  expectStateOrReaped(store, actual, expected, `oauthStates.find(${describeValue(id)}) ${when}`)
}
