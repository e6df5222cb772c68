/**
 * String rules of CONTRACT §0.6. Written strings must be storable on every engine (well-formed
 * UTF-16, no U+0000, within the column width); strings only used to find or compare just need to be
 * strings, and one that no row could hold matches nothing.
 */
import { InvalidInputError } from '../errors.js'
import { describeKind } from './describe-kind.js'

/**
 * `String.prototype.isWellFormed` (ES2024; Node 20 ships it), read once. Every written or looked-up
 * string passes this check, and the native scan is many times faster than a loop over code units,
 * which the guard would otherwise run on every hash and token. Older runtimes fall back to the loop.
 */
const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed

/** Index of the first lone surrogate in `s`, or -1 when `s` is well-formed UTF-16. */
export function loneSurrogateIndex(s: string): number {
  if (nativeIsWellFormed?.call(s) === true) return -1
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
      return i
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return i
  }
  return -1
}

/**
 * True when `s` contains no lone surrogate, i.e. it encodes to UTF-8 without loss. Engines replace
 * or reject lone surrogates differently, so such strings cannot round-trip.
 */
export function isWellFormed(s: string): boolean {
  return nativeIsWellFormed === undefined ? loneSurrogateIndex(s) === -1 : nativeIsWellFormed.call(s)
}

/**
 * True when some stored row could hold `value` in a field limited to `limit` UTF-16 code units: it
 * fits, has no U+0000 and no lone surrogate. A lookup with an unmatchable value answers "nothing".
 */
export function isMatchable(value: string, limit: number): boolean {
  return value.length <= limit && !value.includes('\u0000') && isWellFormed(value)
}

/**
 * Returns `value` when it is a `string` that may be written to a field limited to `limit` code
 * units. @throws InvalidInputError (with `field`) for a non-string (operator objects, arrays,
 * numbers, `String` objects, `undefined`), a U+0000, a lone surrogate or an over-limit length.
 */
export function requireString(value: unknown, field: string, limit: number): string {
  if (typeof value !== 'string') {
    throw new InvalidInputError(field, `expected a string, got ${describeKind(value)}`)
  }
  if (value.includes('\u0000')) throw new InvalidInputError(field, 'contains U+0000')
  if (!isWellFormed(value)) {
    throw new InvalidInputError(field, `contains a lone surrogate at index ${loneSurrogateIndex(value)}`)
  }
  if (value.length > limit) {
    throw new InvalidInputError(field, `${value.length} UTF-16 code units exceeds the limit of ${limit}`)
  }
  return value
}

/**
 * Like {@link requireString}, but `null` is accepted (it clears the field). `undefined` is not:
 * a required positional argument that is `undefined` is a caller bug (CONTRACT §0.6).
 */
export function requireNullableString(value: unknown, field: string, limit: number): string | null {
  return value === null ? null : requireString(value, field, limit)
}

/**
 * Returns `value` when it is a `string` of any content, for values only used to find or compare.
 * Callers then test {@link isMatchable} and answer "nothing found" instead of querying.
 * @throws InvalidInputError for anything that is not a primitive string.
 */
export function requireKeyString(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new InvalidInputError(field, `expected a string, got ${describeKind(value)}`)
  }
  return value
}
