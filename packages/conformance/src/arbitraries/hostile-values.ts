import { describeValue } from '../harness/describe-value.js'

/** One value a repository must refuse, with the spelling a failure message prints for it. */
export interface BadValue {
  readonly label: string
  readonly value: unknown
}

/** How a parameter or field may be absent (CONTRACT §0.6). */
export type Presence =
  /** `undefined` and `null` are both bad. */
  | 'required'
  /** A nullable positional parameter (`setFullName(id, null)`): `null` is fine, `undefined` is bad. */
  | 'nullable'
  /** A nullable `New*` field: `null` and `undefined` both mean `null`. */
  | 'nullable-field'
  /** An optional option or filter: `null` and `undefined` both mean "not given". */
  | 'optional'

/** The kind of a scalar parameter or field, as the validation rules of §0.6 see it. */
export type ScalarKind =
  /** A value being written: typed, well-formed UTF-16, no U+0000, at most `limit` units. */
  | { readonly type: 'write'; readonly limit: number; readonly nonEmpty?: boolean }
  /** A value only used to find or compare; `limit` is the widest stored value it could match. */
  | { readonly type: 'lookup'; readonly limit: number }
  /** `verify`'s raw code: any string is a guess. */
  | { readonly type: 'raw-code' }
  | { readonly type: 'date' }
  | { readonly type: 'boolean' }
  | { readonly type: 'integer'; readonly min: 0 | 1 }
  | { readonly type: 'enum'; readonly values: readonly string[] }

const bad = (value: unknown, label: string = describeValue(value)): BadValue => ({ label, value })

/** A string of exactly `length` units, distinct for each `n`, so repeated writes never collide on a key. */
export function stringOfLength(length: number, n: number): string {
  const head = `${n}~`
  return head.length >= length ? head.slice(0, length) : head.padEnd(length, 'x')
}

/** `s` padded with `x` to `length` units, printed by its length because the value itself is unreadable. */
export function overLimit(s: string, length: number): BadValue {
  const value = s.padEnd(length, 'x')
  return bad(value, `${describeValue(value.slice(0, 12))}… (${length} UTF-16 units)`)
}

/** Things that are not strings, operator objects first (they are what an injection looks like). */
function notStrings(): BadValue[] {
  return [
    bad({ $ne: null }),
    bad({ $gt: '' }),
    bad(['a']),
    bad(42),
    bad(true),
    bad(new String('x'), 'new String("x")'),
  ]
}

/** Values that are never an acceptable `Date` (CONTRACT §0.3): invalid, not a `Date`, or out of range. */
function notDates(): BadValue[] {
  return [
    bad(new Date(Number.NaN)),
    bad('2025-01-01'),
    bad(1735689600000),
    bad({}),
    bad({ $gt: new Date(0) }, '{ $gt: new Date(0) }'),
    bad(new Date(-1)),
    bad(new Date(Date.UTC(10000, 0, 1)), 'new Date("+010000-01-01T00:00:00.000Z")'),
  ]
}

function absences(presence: Presence): BadValue[] {
  if (presence === 'required') return [bad(undefined), bad(null)]
  if (presence === 'nullable') return [bad(undefined)]
  return []
}

/** Every bad value for a scalar of `kind` and `presence`, freshly built (no shared mutable objects). */
export function badValuesFor(kind: ScalarKind, presence: Presence): BadValue[] {
  const missing = absences(presence)
  switch (kind.type) {
    case 'write':
      return [
        ...notStrings(),
        ...missing,
        bad('a\ud800'),
        bad('\udc00b'),
        bad('a\u0000b'),
        overLimit('', kind.limit + 1),
        ...(kind.nonEmpty === true ? [bad('')] : []),
      ]
    case 'lookup':
    case 'raw-code':
      return [...notStrings(), ...missing]
    case 'date':
      return [...notDates(), ...missing]
    case 'boolean':
      return [bad('true'), bad(1), bad(0), bad({ $ne: null }), ...missing]
    case 'integer':
      return [
        bad(1.5),
        bad(-1),
        bad(Number.NaN),
        bad(Number.POSITIVE_INFINITY),
        bad(2 ** 53),
        bad('5'),
        ...(kind.min === 1 ? [bad(0)] : []),
        ...missing,
      ]
    case 'enum':
      return [bad(kind.values[0]?.toUpperCase()), bad('other'), bad(''), bad({ $ne: null }), ...missing]
  }
}

/** Bad values for a whole options object or `New*` input that is required. */
export function badObjects(): BadValue[] {
  return [bad(undefined), bad(null), bad('x')]
}
