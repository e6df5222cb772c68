/** decodeInt: the fast digit path must answer exactly what `Number(String(value))` answered. */
import { describe, expect, it } from 'vitest'
import { decodeInt } from '../src/knex-codec.js'

/** The rule decodeInt had before the fast path: the number, or a TypeError when not a safe integer. */
function reference(value: unknown): number | 'throws' {
  const n =
    typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number(String(value))
  return Number.isSafeInteger(n) ? n : 'throws'
}

function outcome(value: unknown): number | 'throws' {
  try {
    return decodeInt(value)
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError)
    return 'throws'
  }
}

const STRINGS = [
  '0',
  '7',
  '-0',
  '-42',
  '1768478400000', // an instant as PostgreSQL sends a BIGINT
  '253402300799999', // 9999-12-31T23:59:59.999Z: 15 digits
  '999999999999999',
  '9007199254740991', // 2^53 - 1: 16 digits, through Number()
  '9007199254740992', // 2^53: not safe
  '0000000000000000042', // leading zeros past 15 digits
  '',
  '-',
  ' 12',
  '12 ',
  '1e3',
  '0x10',
  '1.5',
  '12a',
  '+5',
  '１２', // full-width digits
  '/', // char code 47, just below '0'
  ':', // char code 58, just above '9'
]

describe('decodeInt', () => {
  it.each(STRINGS)('decodes %j as Number(String(value)) did', (s) => {
    expect(outcome(s)).toStrictEqual(reference(s))
  })

  it('keeps numbers, bigints and everything else as before', () => {
    for (const value of [
      0,
      -3,
      1.5,
      Number.NaN,
      2 ** 53,
      12n,
      2n ** 60n,
      null,
      undefined,
      true,
      { toString: () => '9' },
    ])
      expect(outcome(value)).toStrictEqual(reference(value))
  })

  it('agrees with Number() on every integer string of up to 16 digits in a random sample', () => {
    let seed = 0x2545f491
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed
    }
    for (let k = 0; k < 5000; k++) {
      const digits = 1 + (next() % 16)
      let s = next() % 4 === 0 ? '-' : ''
      for (let d = 0; d < digits; d++) s += String(next() % 10)
      expect(outcome(s)).toStrictEqual(reference(s))
    }
  })
})
