import type { Clock, NewOAuthIdentity, NewOAuthState } from '@regstack/protocols'
import fc from 'fast-check'
import { anyDate, shifted } from './dates.js'
import { exactLength, keyUpTo } from './oauth-strings.js'
import { emailString, unicodeString } from './strings.js'

/**
 * Offsets from the store clock that stay exact on every adapter: the clock runs one hour ahead of the
 * wall clock, so `now - 50 min` is still in the wall-clock future and no engine may have reaped it.
 */
export const SAFE_PAST_MS: number = 50 * 60 * 1000

/** A valid `NewOAuthIdentity` with Unicode keys, sometimes exactly at their limits (CONTRACT §0.6). */
export function anyIdentity(): fc.Arbitrary<NewOAuthIdentity> {
  return fc.record({
    userId: keyUpTo(36),
    provider: keyUpTo(32),
    subjectId: keyUpTo(255),
    email: fc.option(
      fc.oneof({ weight: 3, arbitrary: emailString() }, { weight: 1, arbitrary: exactLength(320) }),
      {
        nil: null,
      },
    ),
    linkedAt: anyDate(),
    lastUsedAt: fc.option(anyDate(), { nil: null }),
  })
}

/** When a drafted state expires: relative to the store clock (exact everywhere) or at any instant. */
export type Expiry = { readonly inMs: number } | { readonly at: Date }

/** A `NewOAuthState` without its expiry, which depends on the store's clock. */
export interface StateDraft {
  readonly state: Omit<NewOAuthState, 'expiresAt'>
  readonly expiry: Expiry
}

/** An OAuth-state field of up to 4096 units: usually short, sometimes exactly at the limit. */
function longField(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: unicodeString({ maxLength: 128 }) },
    { weight: 1, arbitrary: exactLength(4096) },
  )
}

/**
 * A valid OAuth state draft: both modes, nullable fields null or set, values up to their limits.
 * @param anyExpiry - also draw absolute expiries across the whole date range (reads must then accept
 *   a reaped row on adapters with automatic expiry).
 */
export function stateDraft(anyExpiry = false): fc.Arbitrary<StateDraft> {
  const relative = fc.integer({ min: -SAFE_PAST_MS, max: SAFE_PAST_MS }).map((inMs): Expiry => ({ inMs }))
  const absolute = anyDate().map((at): Expiry => ({ at }))
  return fc.record({
    state: fc.record({
      id: keyUpTo(64),
      provider: keyUpTo(32),
      codeVerifier: longField(),
      nonce: fc.oneof(unicodeString({ maxLength: 64 }), exactLength(64)),
      redirectTo: longField(),
      mode: fc.constantFrom('signin' as const, 'link' as const),
      linkingUserId: fc.option(keyUpTo(36), { nil: null }),
      createdAt: anyDate(),
      resultToken: fc.option(longField(), { nil: null }),
    }),
    expiry: anyExpiry ? fc.oneof(relative, absolute) : relative,
  })
}

/** The state a draft describes, dated against `clock`. */
export function stateOf(draft: StateDraft, clock: Clock): NewOAuthState {
  const expiresAt = 'at' in draft.expiry ? draft.expiry.at : shifted(clock.now(), draft.expiry.inMs)
  return { ...draft.state, expiresAt }
}
