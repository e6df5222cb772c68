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

/**
 * True when `rawCode` hashes to exactly `codeHash` (case-sensitive; stored hashes are lower-case
 * hex). Compared with `crypto.timingSafeEqual` on equal-length buffers so the time taken does not
 * reveal how many leading characters matched; false when the lengths differ or the digest is null.
 */
export function mfaCodeMatches(rawCode: string, codeHash: string): boolean {
  const digest = mfaCodeDigest(rawCode)
  if (digest === null) return false
  const actual = Buffer.from(digest, 'utf8')
  const expected = Buffer.from(codeHash, 'utf8')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
