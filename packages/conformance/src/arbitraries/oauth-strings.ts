import fc from 'fast-check'
import { nearMisses, truncateWellFormed, unicodeString } from './strings.js'

/**
 * A well-formed string of exactly `length` UTF-16 units, built from generated Unicode so astral
 * characters (two units each) sit right at the limit. A limit is only proven by a value that fills it.
 */
export function exactLength(length: number): fc.Arbitrary<string> {
  return unicodeString({ minLength: 1, maxLength: 12 }).map((seed) => {
    let s = seed
    while (s.length < length) s += seed
    // Cutting may drop a half surrogate pair; ASCII padding then restores the exact length.
    return truncateWellFormed(s, length).padEnd(length, 'x')
  })
}

/** A Unicode key of 1–`max` units, or (one time in four) a value exactly at the limit. */
export function keyUpTo(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: unicodeString({ minLength: 1, maxLength: max }) },
    { weight: 1, arbitrary: exactLength(max) },
  )
}

/**
 * Near misses of `s` (other case, surrounding white space, other normal form) that are still storable
 * under `limit`: each is a different key from `s` (CONTRACT §0.5), so writing it must succeed.
 */
export function storableNearMisses(s: string, limit: number): string[] {
  return nearMisses(s).filter((v) => v !== '' && v.length <= limit)
}
