/**
 * The generic atomicity classes (CONTRACT §0.17): every write split into two statements with an
 * await between, and read-then-write or delete-then-insert where a method has a natural such shape.
 * The `linearizability` area must catch each; none of them was written with a particular race in mind.
 */
import { type MfaVerifyResult, mfaCodeMatches } from '@regstack/protocols'
import { defineMutant, tick } from './define-mutant.js'
import type { Mutant } from './mutant.js'
import { consumeReadThenDelete, heldBase, splitUserSetter, USER_SETTERS } from './split-writes.js'

const userSplits: Mutant[] = USER_SETTERS.map((setter) =>
  defineMutant({
    id: `atomicity.users.${setter}-split-write`,
    description: `users.${setter} writes its value, awaits, then stamps updatedAt in a second statement.`,
    clause: '§0.17',
    caughtBy: 'linearizability',
    base: heldBase,
    raw: ({ raw }) => ({ users: splitUserSetter(raw, setter) }),
  }),
)

const otherSplits: Mutant[] = [
  defineMutant({
    id: 'atomicity.oauthStates.setResultToken-split-write',
    description: 'setResultToken writes the token, awaits, then writes the new expiry in a second statement.',
    clause: '§0.17',
    caughtBy: 'linearizability',
    raw: ({ raw }) => ({
      oauthStates: {
        async setResultToken(id, token, opts) {
          await raw.oauthStates.setResultToken(id, token)
          await tick()
          await raw.oauthStates.setResultToken(id, token, opts)
        },
      },
    }),
  }),
  defineMutant({
    id: 'atomicity.oauthStates.setResultToken-flag-second-write',
    description:
      'setResultToken writes token and expiry, awaits, then writes resultWasNew in a second statement.',
    clause: '§0.19, §0.17',
    caughtBy: 'linearizability',
    raw: ({ raw }) => ({
      oauthStates: {
        async setResultToken(id, token, opts) {
          await raw.oauthStates.setResultToken(id, token, { ...opts, wasNew: false })
          await tick()
          await raw.oauthStates.setResultToken(id, token, opts)
        },
      },
    }),
  }),
  defineMutant({
    id: 'atomicity.oauthStates.setResultToken-read-then-write',
    description:
      'setResultToken reads the state, awaits, then replaces it (consume + create) with the token set.',
    clause: '§0.17',
    caughtBy: 'linearizability',
    raw: ({ raw }) => ({
      oauthStates: {
        async setResultToken(id, token, opts) {
          const row = await raw.oauthStates.find(id)
          if (row === null) return
          await tick()
          await raw.oauthStates.consume(id)
          await raw.oauthStates.create({
            ...row,
            resultToken: token,
            expiresAt: opts?.newExpiresAt ?? row.expiresAt,
          })
        },
      },
    }),
  }),
  defineMutant({
    id: 'atomicity.oauthStates.consume-read-then-delete',
    description: 'consume reads the state, awaits, then deletes it, so two callers can both receive it.',
    clause: '§0.17',
    caughtBy: 'linearizability',
    raw: ({ raw }) => ({ oauthStates: consumeReadThenDelete(raw) }),
  }),
  defineMutant({
    id: 'atomicity.mfaCodes.put-delete-then-insert',
    description: 'put deletes the (userId, kind) row, awaits, then inserts the new code.',
    clause: '§0.17',
    caughtBy: 'linearizability',
    raw: ({ raw }) => ({
      mfaCodes: {
        async put(code) {
          await raw.mfaCodes.delete({ userId: code.userId, kind: code.kind })
          await tick()
          await raw.mfaCodes.put(code)
        },
      },
    }),
  }),
  defineMutant({
    id: 'atomicity.mfaCodes.verify-read-then-write',
    description: 'verify reads the code, awaits, then writes attempts + 1 (or deletes) as an absolute value.',
    clause: '§0.17',
    caughtBy: 'linearizability',
    raw: ({ raw, clock }) => ({
      mfaCodes: {
        async verify(opts): Promise<MfaVerifyResult> {
          const key = { userId: opts.userId, kind: opts.kind }
          const row = await raw.mfaCodes.find(key)
          await tick()
          if (row === null) return { outcome: 'missing', attemptsRemaining: 0 }
          const end = async (outcome: 'ok' | 'locked' | 'expired'): Promise<MfaVerifyResult> => {
            await raw.mfaCodes.delete(key)
            return { outcome, attemptsRemaining: 0 }
          }
          if (row.attempts >= row.maxAttempts) return await end('locked')
          if (row.expiresAt.getTime() <= clock.now().getTime()) return await end('expired')
          if (mfaCodeMatches(opts.rawCode, row.codeHash)) return await end('ok')
          const remaining = row.maxAttempts - (row.attempts + 1)
          if (remaining <= 0) return await end('locked')
          await raw.mfaCodes.put({ ...row, attempts: row.attempts + 1 })
          return { outcome: 'wrong', attemptsRemaining: remaining }
        },
      },
    }),
  }),
  defineMutant({
    id: 'atomicity.pending.upsert-delete-then-insert',
    description: 'upsert deletes the row for the email, awaits, then inserts the new one.',
    clause: '§0.17',
    caughtBy: 'linearizability',
    raw: ({ raw }) => ({
      pending: {
        async upsert(p) {
          await raw.pending.deleteByEmail(p.email)
          await tick()
          return await raw.pending.upsert(p)
        },
      },
    }),
  }),
  defineMutant({
    id: 'atomicity.oauthIdentities.touchLastUsed-delete-then-insert',
    description:
      'touchLastUsed reads the identity, deletes it, awaits, then re-creates it with the new lastUsedAt.',
    clause: '§0.17',
    caughtBy: 'linearizability',
    raw: ({ raw }) => ({
      oauthIdentities: {
        async touchLastUsed(opts) {
          const row = await raw.oauthIdentities.findBySubject(opts)
          if (row === null) return
          await raw.oauthIdentities.delete({ userId: row.userId, provider: row.provider })
          await tick()
          await raw.oauthIdentities.create({ ...row, lastUsedAt: opts.when })
        },
      },
    }),
  }),
]

/** Every generic atomicity mutant. */
export const ATOMICITY_MUTANTS: readonly Mutant[] = [...userSplits, ...otherSplits]
