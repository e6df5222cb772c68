/** Shape checks for options objects and `New*` inputs (CONTRACT §0.6). */
import { InvalidInputError } from '../errors.js'
import { describeKind } from './describe-kind.js'

/** A plain object whose own keys may be read. */
export type PlainObject = Readonly<Record<string, unknown>>

/**
 * True for `{...}` literals and `Object.create(null)` objects, from any realm. Arrays, `Date`s,
 * boxed primitives and class instances are not plain: a class instance may carry getters or
 * prototype fields that a copy by own keys would silently drop.
 */
export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  // A prototype whose own prototype is null is `Object.prototype` of this or another realm; this
  // realm's is tested first because it is what almost every input has (one prototype read saved).
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null
}

/** Returns `value` when it is a plain object. @throws InvalidInputError (with `field`) otherwise. */
export function requireOptions(value: unknown, field: string): PlainObject {
  if (!isPlainObject(value)) {
    throw new InvalidInputError(field, `expected a plain object, got ${describeKind(value)}`)
  }
  return value
}

/**
 * For an optional options object: `null` and `undefined` mean "all defaults" (an empty object);
 * anything else must be a plain object. @throws InvalidInputError otherwise.
 */
export function requireOptionalOptions(value: unknown, field: string): PlainObject {
  return value === null || value === undefined ? {} : requireOptions(value, field)
}

/**
 * Reads an own property only, so a polluted `Object.prototype` can never inject a field value.
 * Each key is read once, which also keeps getter-backed inputs consistent between check and copy.
 *
 * Hot validators (the `New*` inputs, lookup options) inline this as `hasOwn(o, 'key') ? o.key :
 * undefined` instead: a read with a literal key is a monomorphic named load at its own call site,
 * where this helper's `object[key]` is one keyed load shared by every field of every model, which
 * V8 treats as megamorphic (measured ~10 ns more per field).
 */
export function ownField(object: PlainObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined
}

/** `Object.hasOwn`, read once, for the inlined own-field reads described at {@link ownField}. */
export const hasOwn: (object: object, key: PropertyKey) => boolean = Object.hasOwn
