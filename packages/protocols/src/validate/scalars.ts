/** Date, boolean, integer and enum rules of CONTRACT §0.3 and §0.6. */
import { InvalidInputError } from '../errors.js'
import { MAX_DATE_MS, MIN_DATE_MS } from '../limits.js'
import type { MfaKind, OAuthFlowMode } from '../models.js'
import { describeKind } from './describe-kind.js'

const RANGE = `${new Date(MIN_DATE_MS).toISOString()}..${new Date(MAX_DATE_MS).toISOString()}`

/** `Date.prototype.getTime`, read once: it checks the internal slot, so look-alikes fail. */
const dateGetTime = Date.prototype.getTime

/**
 * The epoch milliseconds of a genuine `Date` (any realm, subclasses included), or `undefined`.
 * Called through the intrinsic, so look-alikes with their own `getTime` method fail.
 */
function dateMs(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  try {
    return dateGetTime.call(value)
  } catch {
    return undefined
  }
}

/**
 * Returns a NEW `Date` equal to `value`, so later mutation of the caller's object cannot reach
 * storage. @throws InvalidInputError for a non-`Date`, an invalid `Date`, or an instant outside
 * 1970-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z (both ends inclusive).
 */
export function requireDate(value: unknown, field: string): Date {
  const ms = dateMs(value)
  // The valid case first, one comparison pair: `undefined` and NaN fail both tests and fall through.
  if (ms !== undefined && ms >= MIN_DATE_MS && ms <= MAX_DATE_MS) return new Date(ms)
  if (ms === undefined) throw new InvalidInputError(field, `expected a Date, got ${describeKind(value)}`)
  if (Number.isNaN(ms)) throw new InvalidInputError(field, 'expected a valid Date, got an invalid Date')
  throw new InvalidInputError(field, `${new Date(ms).toISOString()} is outside ${RANGE}`)
}

/** For optional dates: `null`/`undefined` → `undefined` ("not given"), else {@link requireDate}. */
export function requireOptionalDate(value: unknown, field: string): Date | undefined {
  return value === null || value === undefined ? undefined : requireDate(value, field)
}

/** For nullable model dates: `null` stays `null`, else {@link requireDate} (`undefined` is rejected). */
export function requireNullableDate(value: unknown, field: string): Date | null {
  return value === null ? null : requireDate(value, field)
}

/** Returns `value` when it is a primitive `boolean`. @throws InvalidInputError otherwise. */
export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') {
    throw new InvalidInputError(field, `expected a boolean, got ${describeKind(value)}`)
  }
  return value
}

/** For optional flags: `null`/`undefined` → `undefined`, else {@link requireBoolean}. */
export function requireOptionalBoolean(value: unknown, field: string): boolean | undefined {
  return value === null || value === undefined ? undefined : requireBoolean(value, field)
}

/**
 * Returns `value` when it is a safe integer ≥ `min`.
 * @throws InvalidInputError for non-numbers, NaN, fractions, unsafe or too small integers.
 */
export function requireSafeInteger(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number') {
    throw new InvalidInputError(field, `expected a safe integer, got ${describeKind(value)}`)
  }
  if (!Number.isSafeInteger(value))
    throw new InvalidInputError(field, `expected a safe integer, got ${value}`)
  if (value < min) throw new InvalidInputError(field, `${value} is below the minimum of ${min}`)
  return value
}

/** For optional integers: `null`/`undefined` → `undefined`, else {@link requireSafeInteger}. */
export function requireOptionalSafeInteger(value: unknown, field: string, min: number): number | undefined {
  return value === null || value === undefined ? undefined : requireSafeInteger(value, field, min)
}

/** Returns `value` when it is `'phone_setup'` or `'login_mfa'`. @throws InvalidInputError otherwise. */
export function requireMfaKind(value: unknown, field: string): MfaKind {
  if (value === 'phone_setup' || value === 'login_mfa') return value
  const got = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : describeKind(value)
  throw new InvalidInputError(field, `expected 'phone_setup' or 'login_mfa', got ${got}`)
}

/** For an optional kind: `null`/`undefined` → `undefined` (all kinds), else {@link requireMfaKind}. */
export function requireOptionalMfaKind(value: unknown, field: string): MfaKind | undefined {
  return value === null || value === undefined ? undefined : requireMfaKind(value, field)
}

/** Returns `value` when it is `'signin'` or `'link'`. @throws InvalidInputError otherwise. */
export function requireOAuthFlowMode(value: unknown, field: string): OAuthFlowMode {
  if (value === 'signin' || value === 'link') return value
  const got = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : describeKind(value)
  throw new InvalidInputError(field, `expected 'signin' or 'link', got ${got}`)
}
