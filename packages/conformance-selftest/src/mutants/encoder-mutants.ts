/**
 * Lookups that go through what a UTF-8 encoder or a truncating driver does to a string (CONTRACT
 * §0.6, §0.18): they find rows whose stored value is the encoder's image of the lookup.
 */
import { createHash } from 'node:crypto'
import { FIELD_LIMITS } from '@regstack/protocols'
import { defineMutant } from './define-mutant.js'
import type { Mutant } from './mutant.js'

/** Lone surrogates replaced by U+FFFD, as `TextEncoder` and Node's `Buffer.from(s, 'utf8')` do. */
function wellFormed<T>(s: T): T {
  if (typeof s !== 'string') return s
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') as T
}

/** `s` cut to `limit` units; anything but a string is passed on for the guard to reject. */
function cut<T>(s: T, limit: number): T {
  return (typeof s === 'string' ? s.slice(0, limit) : s) as T
}

export const ENCODER_MUTANTS: readonly Mutant[] = [
  defineMutant({
    id: 'hostile.lookups-utf8-encoded',
    description:
      'Email, jti and state-id lookups replace lone surrogates by U+FFFD before matching, as a UTF-8 driver would.',
    clause: '§0.18',
    guarded: ({ guarded }) => ({
      users: { getByEmail: (email) => guarded.users.getByEmail(wellFormed(email)) },
      pending: { findByEmail: (email) => guarded.pending.findByEmail(wellFormed(email)) },
      blacklist: { isRevoked: (jti) => guarded.blacklist.isRevoked(wellFormed(jti)) },
      oauthStates: { find: (id) => guarded.oauthStates.find(wellFormed(id)) },
    }),
  }),
  defineMutant({
    id: 'hostile.lookups-truncated-to-limit',
    description:
      'Email and subject lookups are cut to the field limit before matching, as a lax column would.',
    clause: '§0.18',
    guarded: ({ guarded }) => ({
      users: { getByEmail: (email) => guarded.users.getByEmail(cut(email, FIELD_LIMITS.email)) },
      oauthIdentities: {
        findBySubject: (opts) =>
          guarded.oauthIdentities.findBySubject(
            opts !== null && typeof opts === 'object'
              ? { ...opts, subjectId: cut(opts.subjectId, FIELD_LIMITS.subjectId) }
              : opts,
          ),
      },
    }),
  }),
  defineMutant({
    id: 'hostile.verify-hashes-utf8-image',
    description:
      'verify hashes the raw code’s UTF-8 encoding, so a lone surrogate matches a stored U+FFFD code.',
    clause: '§0.18',
    raw: ({ raw }) => ({
      mfaCodes: {
        async verify(opts) {
          const row = await raw.mfaCodes.find({ userId: opts.userId, kind: opts.kind })
          const digest = createHash('sha256').update(opts.rawCode, 'utf8').digest('hex')
          // A lone-surrogate guess whose UTF-8 image is the code: answer with the stored code instead.
          if (row !== null && digest === row.codeHash && wellFormed(opts.rawCode) !== opts.rawCode) {
            return await raw.mfaCodes.verify({ ...opts, rawCode: wellFormed(opts.rawCode) })
          }
          return await raw.mfaCodes.verify(opts)
        },
      },
    }),
  }),
]
