import fc from 'fast-check'

/**
 * Small key pools, so generated calls keep hitting the same rows: replacements, conflicts and
 * near-miss lookups (case, trailing space) happen in almost every run instead of almost never.
 */
export const EMAILS: readonly string[] = ['a@x.io', 'A@x.io', 'a@x.io ', 'b@x.io']

/** One of the pooled emails, the first two most often. */
export function pooledEmail(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('a@x.io', 'b@x.io') },
    { weight: 2, arbitrary: fc.constantFrom(...EMAILS) },
  )
}

/** A user slot: mostly an existing user (the run cycles through them), sometimes the never-created ghost. */
export function userSlot(): fc.Arbitrary<number> {
  return fc.oneof({ weight: 9, arbitrary: fc.nat(3) }, { weight: 1, arbitrary: fc.constant(-1) })
}

/** Offsets from the store clock's now, in ms: around zero to hit boundaries exactly, and minutes away. */
export function offset(): fc.Arbitrary<number> {
  return fc.constantFrom(-60_000, -1_000, -1, 0, 1, 1_000, 60_000, 300_000)
}

/** Offsets mostly in the future (expiries), so rows live a while before the clock passes them. */
export function expiryOffset(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(1_000, 60_000, 300_000) },
    { weight: 2, arbitrary: offset() },
  )
}

/** An optional value: `undefined` (omitted) or the value; `null` too when `withNull`. */
export function maybe<T>(arb: fc.Arbitrary<T>, withNull = false): fc.Arbitrary<T | null | undefined> {
  return withNull
    ? fc.oneof(fc.constant(undefined), fc.constant(null), arb)
    : fc.oneof(fc.constant(undefined), arb)
}

/** Clock moves: 1 ms, a second, a minute, five minutes; each can land exactly on a pooled offset. */
export function advanceMs(): fc.Arbitrary<number> {
  return fc.constantFrom(1, 999, 1_000, 60_000, 300_000)
}
