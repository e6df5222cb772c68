import { MAX_DATE_MS, type MfaKind, type NewMfaCode } from '@regstack/protocols'
import fc from 'fast-check'
import { anyDate } from './dates.js'
import { sha256Hex } from './sha256.js'
import { hex64, unicodeString } from './strings.js'

/** Raw SMS-style codes: zero-padded decimal strings (leading zeros matter), or any Unicode text. */
export function mfaRawCode(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 4, maxLength: 10 }),
    fc.constantFrom('000000', '0000', '0123456789'),
    unicodeString({ minLength: 1, maxLength: 20 }),
  )
}

/** Everything of a `NewMfaCode` except its key, with `expiresAt` relative to a moment chosen later. */
export interface MfaCodeParts {
  readonly codeHash: string
  /** Either an offset from "now" (ms) or an absolute instant anywhere in the storable range. */
  readonly expires: { readonly offsetMs: number } | { readonly at: Date }
  readonly attempts: number
  readonly maxAttempts: number
  readonly createdAt: Date
}

/**
 * Arbitrary stored-code parts: any `codeHash` a caller may write (hex digests or other text, stored
 * verbatim), counters from 0 up to large safe integers, expiries near "now" or anywhere.
 */
export function mfaCodeParts(): fc.Arbitrary<MfaCodeParts> {
  const counter = fc.oneof(
    fc.integer({ min: 0, max: 8 }),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  )
  return fc.record({
    codeHash: fc.oneof(hex64(), unicodeString({ maxLength: 64 })),
    expires: fc.oneof(
      { weight: 3, arbitrary: fc.record({ offsetMs: fc.integer({ min: -45 * 60_000, max: 45 * 60_000 }) }) },
      { weight: 1, arbitrary: fc.record({ at: anyDate() }) },
    ),
    attempts: counter,
    maxAttempts: counter,
    createdAt: anyDate(),
  })
}

/** Builds the `NewMfaCode` for (`userId`, `kind`) from `parts`, resolving a relative expiry against `now`. */
export function mfaCodeFrom(userId: string, kind: MfaKind, parts: MfaCodeParts, now: Date): NewMfaCode {
  const expiresAt =
    'at' in parts.expires
      ? new Date(parts.expires.at.getTime())
      : new Date(Math.min(MAX_DATE_MS, now.getTime() + parts.expires.offsetMs))
  return {
    userId,
    kind,
    codeHash: parts.codeHash,
    expiresAt,
    attempts: parts.attempts,
    maxAttempts: parts.maxAttempts,
    createdAt: new Date(parts.createdAt.getTime()),
  }
}

/** A fresh, verifiable code for `rawCode`: `attempts` 0 unless given, expiring `ttlMs` after `now`. */
export function liveMfaCode(
  key: { readonly userId: string; readonly kind: MfaKind },
  rawCode: string,
  now: Date,
  opts: { readonly attempts?: number; readonly maxAttempts?: number; readonly ttlMs?: number } = {},
): NewMfaCode {
  return {
    userId: key.userId,
    kind: key.kind,
    codeHash: sha256Hex(rawCode),
    expiresAt: new Date(now.getTime() + (opts.ttlMs ?? 5 * 60_000)),
    attempts: opts.attempts ?? 0,
    maxAttempts: opts.maxAttempts ?? 5,
    createdAt: new Date(now.getTime()),
  }
}
