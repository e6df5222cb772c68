import { describe, expect, it } from 'vitest'
import { mfaCodeDigest, mfaCodeMatches } from '../src/index.js'

// Published SHA-256 test vectors (FIPS 180-2 "abc", and the empty message).
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

describe('mfaCodeDigest', () => {
  it('is the lower-case hex SHA-256 of the UTF-8 bytes', () => {
    expect(mfaCodeDigest('abc')).toBe(ABC)
    expect(mfaCodeDigest('')).toBe(EMPTY)
    expect(mfaCodeDigest('123456')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('is null for codes that can never match: lone surrogates and U+0000', () => {
    expect(mfaCodeDigest('12\uD800')).toBeNull()
    expect(mfaCodeDigest('\uDC0012')).toBeNull()
    expect(mfaCodeDigest('12\u00003')).toBeNull()
  })

  it('does not confuse a lone surrogate with U+FFFD, its UTF-8 replacement', () => {
    expect(mfaCodeDigest('\uFFFD')).not.toBeNull()
    expect(mfaCodeMatches('\uD800', mfaCodeDigest('\uFFFD') ?? '')).toBe(false)
  })
})

describe('mfaCodeMatches', () => {
  it('matches the exact digest only', () => {
    expect(mfaCodeMatches('abc', ABC)).toBe(true)
    expect(mfaCodeMatches('abd', ABC)).toBe(false)
    expect(mfaCodeMatches('abc', ABC.toUpperCase())).toBe(false)
  })

  it('is false for hashes of another length, including empty and longer ones', () => {
    expect(mfaCodeMatches('abc', '')).toBe(false)
    expect(mfaCodeMatches('abc', ABC.slice(0, 63))).toBe(false)
    expect(mfaCodeMatches('abc', `${ABC}0`)).toBe(false)
    // Same UTF-16 length but more UTF-8 bytes must not reach timingSafeEqual with unequal buffers.
    expect(mfaCodeMatches('abc', `${ABC.slice(0, 63)}é`)).toBe(false)
  })

  it('is false for 64-unit hashes that are not ASCII, even where their low bytes spell the digest', () => {
    const lifted = (at: number): string =>
      `${ABC.slice(0, at)}${String.fromCharCode(0x100 + ABC.charCodeAt(at))}${ABC.slice(at + 1)}`
    for (const at of [0, 31, 63]) expect(mfaCodeMatches('abc', lifted(at))).toBe(false)
    expect(mfaCodeMatches('abc', `${ABC.slice(0, 63)}\uD800`)).toBe(false)
    expect(mfaCodeMatches('abc', `${ABC.slice(0, 62)}\uD83D\uDE00`)).toBe(false)
  })

  it('agrees with comparing the hex digest as a string, for codes against their own and other hashes', () => {
    const codes = Array.from({ length: 300 }, (_, i) => String(100_000 + i * 7919))
    for (const [i, code] of codes.entries()) {
      for (const hash of [
        mfaCodeDigest(code) ?? '',
        mfaCodeDigest(codes[(i + 1) % codes.length] ?? '') ?? '',
      ]) {
        expect(mfaCodeMatches(code, hash)).toBe(mfaCodeDigest(code) === hash)
      }
    }
  })

  it('is false for unhashable codes', () => {
    expect(mfaCodeMatches('\uD800', EMPTY)).toBe(false)
    expect(mfaCodeMatches('\u0000', EMPTY)).toBe(false)
  })
})
