import { describe, expect, it } from 'vitest'
import {
  isMatchable,
  isWellFormed,
  loneSurrogateIndex,
  requireKeyString,
  requireNullableString,
  requireString,
} from '../src/index.js'
import { expectInvalid, thrown } from './support/expect-invalid.js'
import { anyUnits, forAll, int, wellFormedString, withLoneSurrogate } from './support/random.js'

/** Independent oracle: a string is well-formed exactly when it survives a UTF-8 round trip. */
const roundTrips = (s: string): boolean => Buffer.from(s, 'utf8').toString('utf8') === s

const hostileNonStrings: readonly [string, unknown][] = [
  ['an operator object', { $ne: null }],
  ['an array', ['a@b.c']],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['a String object', new String('a@b.c')],
  ['a boolean', true],
  ['null', null],
  ['undefined', undefined],
  ['a symbol', Symbol('s')],
  ['a bigint', 1n],
  ['a function', () => 'a@b.c'],
]

describe('isWellFormed / loneSurrogateIndex', () => {
  it('agrees with a UTF-8 round trip on arbitrary UTF-16 strings', () => {
    forAll(
      1,
      2000,
      (rng) => anyUnits(rng, 12),
      (s) => expect(isWellFormed(s)).toBe(roundTrips(s)),
    )
  })

  it('finds the index of a lone high or low surrogate', () => {
    expect(loneSurrogateIndex('abc\uD800')).toBe(3)
    expect(loneSurrogateIndex('a\uDC00')).toBe(1)
    expect(loneSurrogateIndex('\uD83D\uDE00\uDE00')).toBe(2)
    expect(loneSurrogateIndex('\uD83D\uDE00')).toBe(-1)
    expect(loneSurrogateIndex('')).toBe(-1)
  })
})

describe('requireString (values being written)', () => {
  it('accepts any well-formed string without U+0000 up to the limit and returns it unchanged', () => {
    forAll(
      2,
      500,
      (rng) => wellFormedString(rng, 320),
      (s) => expect(requireString(s, 'email', 320)).toBe(s),
    )
  })

  it('rejects any string holding a lone surrogate', () => {
    forAll(
      3,
      500,
      (rng) => withLoneSurrogate(rng, 100),
      ({ value, index }) => {
        expectInvalid(() => requireString(value, 'email', 4096), 'email')
        expect(loneSurrogateIndex(value)).toBe(index)
      },
    )
  })

  it('accepts exactly the limit and rejects one code unit past it, counting UTF-16 units', () => {
    expect(requireString('x'.repeat(200), 'fullName', 200)).toHaveLength(200)
    expectInvalid(() => requireString('x'.repeat(201), 'fullName', 200), 'fullName')
    // An astral character is two UTF-16 code units.
    expect(requireString('😀'.repeat(10), 'phoneNumber', 20)).toHaveLength(20)
    expectInvalid(() => requireString(`${'😀'.repeat(10)}x`, 'phoneNumber', 20), 'phoneNumber')
  })

  it('accepts the empty string', () => {
    expect(requireString('', 'fullName', 200)).toBe('')
  })

  it('rejects U+0000 anywhere', () => {
    for (const s of ['\u0000', 'a\u0000', '\u0000b', 'a\u0000b'])
      expectInvalid(() => requireString(s, 'email', 320), 'email')
  })

  it.each(hostileNonStrings)('rejects %s', (_label, value) => {
    expectInvalid(() => requireString(value, 'email', 320), 'email')
  })

  it('writes clear messages', () => {
    expect(thrown(() => requireString({ $ne: null }, 'email', 320))).toHaveProperty(
      'message',
      'invalid email: expected a string, got an object',
    )
    expect(thrown(() => requireString('x'.repeat(201), 'fullName', 200))).toHaveProperty(
      'message',
      'invalid fullName: 201 UTF-16 code units exceeds the limit of 200',
    )
    expect(thrown(() => requireString('a\u0000', 'email', 320))).toHaveProperty(
      'message',
      'invalid email: contains U+0000',
    )
    expect(thrown(() => requireString('abc\uDC00', 'email', 320))).toHaveProperty(
      'message',
      'invalid email: contains a lone surrogate at index 3',
    )
  })
})

describe('requireNullableString', () => {
  it('keeps null, validates strings and rejects undefined', () => {
    expect(requireNullableString(null, 'fullName', 200)).toBeNull()
    expect(requireNullableString('Ada', 'fullName', 200)).toBe('Ada')
    expectInvalid(() => requireNullableString(undefined, 'fullName', 200), 'fullName')
    expectInvalid(() => requireNullableString('x'.repeat(201), 'fullName', 200), 'fullName')
  })
})

describe('requireKeyString and isMatchable (values only found or compared)', () => {
  it('accepts every primitive string, however odd', () => {
    forAll(
      4,
      500,
      (rng) => anyUnits(rng, 400),
      (s) => expect(requireKeyString(s, 'email')).toBe(s),
    )
  })

  it.each(hostileNonStrings)('rejects %s', (_label, value) => {
    expectInvalid(() => requireKeyString(value, 'email'), 'email')
  })

  it('is matchable exactly when the value could have been written', () => {
    forAll(
      5,
      2000,
      (rng) => ({ s: anyUnits(rng, 40), limit: int(rng, 0, 40) }),
      ({ s, limit }) => {
        let writable = true
        try {
          requireString(s, 'f', limit)
        } catch {
          writable = false
        }
        expect(isMatchable(s, limit)).toBe(writable)
      },
    )
    expect(isMatchable('x'.repeat(36), 36)).toBe(true)
    expect(isMatchable('x'.repeat(37), 36)).toBe(false)
    expect(isMatchable('a\u0000', 36)).toBe(false)
    expect(isMatchable('\uD800', 36)).toBe(false)
  })
})
