/** MFA code hashing and constant-time comparison (CONTRACT §0.14). */
import { hash, timingSafeEqual } from 'node:crypto'
import { isWellFormed } from './validate/strings.js'

/**
 * Lower-case hex SHA-256 of the UTF-8 bytes of `rawCode`, the form stored in `MfaCode.codeHash`.
 * Returns `null` when `rawCode` holds a lone surrogate or U+0000: UTF-8 encoding would silently
 * replace a lone surrogate with U+FFFD (letting a different string match), and no real code has
 * U+0000, so such a code never matches anything.
 */
export function mfaCodeDigest(rawCode: string): string | null {
  if (rawCode.includes('\u0000') || !isWellFormed(rawCode)) return null
  // One-shot `hash` (UTF-8 for strings, like `update(rawCode, 'utf8')`) skips the Hash object:
  // a third of the cost of `createHash` on the hot path of every MFA verify.
  return hash('sha256', rawCode, 'hex')
}

/*
 * Scratch bytes for the comparison, allocated once (two `Buffer.from` per verify cost about a quarter
 * of it): the digest's 64 hex characters, then room for the UTF-8 of any 64-unit `codeHash` (at most
 * 3 bytes per unit). `mfaCodeMatches` is synchronous, so no two calls ever share them.
 */
const scratch = Buffer.alloc(64 + 64 * 3)
const actual = scratch.subarray(0, 64)
const expected = scratch.subarray(64, 128)

/**
 * True when `rawCode` hashes to exactly `codeHash` (case-sensitive; stored hashes are lower-case
 * hex). Compared with `crypto.timingSafeEqual` on equal-length bytes so the time taken does not
 * reveal how many leading characters matched; false when the lengths differ or the digest is null.
 */
export function mfaCodeMatches(rawCode: string, codeHash: string): boolean {
  // A digest is 64 ASCII characters: a stored hash of another length never matches, whatever the guess.
  if (codeHash.length !== 64) return false
  const digest = mfaCodeDigest(rawCode)
  if (digest === null) return false
  scratch.write(digest, 0, 64, 'latin1')
  // 64 bytes of UTF-8 only when every unit is ASCII; any other `codeHash` cannot equal the digest.
  if (scratch.write(codeHash, 64, 'utf8') !== 64) return false
  return timingSafeEqual(actual, expected)
}
