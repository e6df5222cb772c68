import type fc from 'fast-check'
import { truncateWellFormed, unicodeString } from './strings.js'

/**
 * A well-formed string of exactly `length` UTF-16 code units built from tricky Unicode fragments, so a
 * value at a field limit also probes astral characters (two units each) and combining marks.
 */
export function exactLengthString(length: number): fc.Arbitrary<string> {
  return unicodeString({ minLength: 1, maxLength: 12 }).map((seed) => {
    let s = seed
    while (s.length < length) s += seed
    s = truncateWellFormed(s, length)
    // Cutting before a high surrogate leaves one unit short; a plain letter makes it exact.
    return s.padEnd(length, 'x')
  })
}

/** An email-shaped string of exactly `length` (≥ 3) code units: a Unicode local part, `@`, a domain. */
export function exactLengthEmail(length: number): fc.Arbitrary<string> {
  const domain = 'example.com'
  return exactLengthString(length - domain.length - 1).map((local) => `${local}@${domain}`)
}
