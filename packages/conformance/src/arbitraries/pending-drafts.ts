import type { NewPendingRegistration } from '@regstack/protocols'
import fc from 'fast-check'
import { anyDate, shifted } from './dates.js'
import { emailString, hex64, unicodeString } from './strings.js'

/**
 * A pending row before it meets a store: its expiry is an offset from the store's clock, because
 * stores (and their clocks) are opened after the values are generated.
 */
export interface PendingDraft {
  readonly email: string
  readonly hashedPassword: string
  readonly fullName: string | null
  readonly tokenHash: string
  readonly createdAt: Date
  /** `expiresAt` minus the store clock's `now` at upsert time. */
  readonly expiresInMs: number
}

/** Offsets that keep a row unexpired by the clock (and by the wall clock, which lags it). */
const future = fc.integer({ min: 1, max: 86_400_000 })

/** One draft; `expiresInMs` defaults to a future offset. */
export function pendingDraft(expiresInMs: fc.Arbitrary<number> = future): fc.Arbitrary<PendingDraft> {
  return fc.record({
    email: emailString(),
    hashedPassword: unicodeString({ maxLength: 60 }),
    fullName: fc.option(unicodeString({ maxLength: 200 }), { nil: null }),
    tokenHash: hex64(),
    createdAt: anyDate(),
    expiresInMs,
  })
}

/**
 * Drafts with pairwise different emails and token hashes. Token hashes are made distinct by stamping
 * the position into their last four digits, which keeps shrinking free of collisions.
 */
export function pendingDrafts(opts: {
  readonly minLength: number
  readonly maxLength: number
  readonly expiresInMs?: fc.Arbitrary<number>
}): fc.Arbitrary<PendingDraft[]> {
  return fc
    .uniqueArray(pendingDraft(opts.expiresInMs), {
      minLength: opts.minLength,
      maxLength: opts.maxLength,
      selector: (d) => d.email,
    })
    .map((drafts) =>
      drafts.map((d, i) => ({
        ...d,
        tokenHash: `${d.tokenHash.slice(0, 60)}${i.toString(16).padStart(4, '0')}`,
      })),
    )
}

/** The `NewPendingRegistration` of `draft` for a store whose clock reads `now`. */
export function pendingAt(draft: PendingDraft, now: Date): NewPendingRegistration {
  return {
    email: draft.email,
    hashedPassword: draft.hashedPassword,
    fullName: draft.fullName,
    tokenHash: draft.tokenHash,
    createdAt: new Date(draft.createdAt.getTime()),
    expiresAt: shifted(now, draft.expiresInMs),
  }
}
