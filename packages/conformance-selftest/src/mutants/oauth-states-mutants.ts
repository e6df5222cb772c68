/** Mutants of `OAuthStateRepo` (CONTRACT §3.7, §0.1, §0.8, §0.11, §0.12). */
import { OAuthStateAlreadyExistsError } from '@regstack/protocols'
import { defineMutant, shift } from './define-mutant.js'
import type { Mutant } from './mutant.js'
import { consumeReadThenDelete } from './split-writes.js'

export const OAUTH_STATES_MUTANTS: readonly Mutant[] = [
  defineMutant({
    id: 'oauthStates.set-result-token-upserts',
    description: 'setResultToken on an unknown id creates a row.',
    clause: '§0.1',
    raw: ({ raw, clock }) => ({
      oauthStates: {
        async setResultToken(stateId, token, opts) {
          if ((await raw.oauthStates.find(stateId)) === null) {
            const now = clock.now()
            await raw.oauthStates.create({
              id: stateId,
              provider: '',
              codeVerifier: '',
              nonce: '',
              redirectTo: '',
              mode: 'signin',
              linkingUserId: null,
              createdAt: now,
              expiresAt: opts?.newExpiresAt ?? now,
              resultToken: token,
            })
            return
          }
          await raw.oauthStates.setResultToken(stateId, token, opts)
        },
      },
    }),
  }),
  defineMutant({
    id: 'oauthStates.new-expires-at-ignored',
    description: 'setResultToken ignores newExpiresAt.',
    clause: '§0.1',
    raw: ({ raw }) => ({
      oauthStates: { setResultToken: (id, token) => raw.oauthStates.setResultToken(id, token) },
    }),
  }),
  defineMutant({
    id: 'oauthStates.duplicate-overwrites',
    description: 'create with a stored id replaces the row instead of OAuthStateAlreadyExistsError.',
    clause: '§0.11',
    raw: ({ raw }) => ({
      oauthStates: {
        async create(state) {
          try {
            await raw.oauthStates.create(state)
          } catch (error) {
            if (!(error instanceof OAuthStateAlreadyExistsError)) throw error
            await raw.oauthStates.consume(state.id)
            await raw.oauthStates.create(state)
          }
        },
      },
    }),
  }),
  defineMutant({
    id: 'oauthStates.consume-keeps-row',
    description: 'consume returns the row without deleting it.',
    clause: '§3.7 consume',
    raw: ({ raw }) => ({ oauthStates: { consume: (id) => raw.oauthStates.find(id) } }),
  }),
  defineMutant({
    id: 'oauthStates.consume-non-atomic',
    description: 'consume finds, awaits, then deletes: concurrent callers all get the row.',
    clause: '§0.8',
    raw: ({ raw }) => ({ oauthStates: consumeReadThenDelete(raw) }),
  }),
  defineMutant({
    id: 'oauthStates.result-was-new-not-stored',
    description: 'create stores resultWasNew as false whatever the input says (revision 2026-07).',
    clause: '§0.19',
    raw: ({ raw }) => ({
      oauthStates: { create: (state) => raw.oauthStates.create({ ...state, resultWasNew: false }) },
    }),
  }),
  defineMutant({
    id: 'oauthStates.was-new-kept-when-omitted',
    description: 'setResultToken without wasNew keeps the stored resultWasNew instead of resetting it.',
    clause: '§0.19',
    raw: ({ raw }) => ({
      oauthStates: {
        async setResultToken(stateId, token, opts) {
          const kept = (await raw.oauthStates.find(stateId))?.resultWasNew === true
          await raw.oauthStates.setResultToken(stateId, token, {
            ...opts,
            wasNew: opts?.wasNew === true || kept,
          })
        },
      },
    }),
  }),
  defineMutant({
    id: 'oauthStates.purge-inclusive',
    description: 'purgeExpired also deletes states with expiresAt == now.',
    clause: '§0.12',
    raw: ({ raw, clock }) => ({
      oauthStates: { purgeExpired: (now) => raw.oauthStates.purgeExpired(shift(now ?? clock.now(), 1)) },
    }),
  }),
]
