import fc from 'fast-check'
import { shifted } from '../../arbitraries/dates.js'
import { SAFE_PAST_MS, stateDraft, stateOf } from '../../arbitraries/oauth-models.js'
import { exactLength, storableNearMisses } from '../../arbitraries/oauth-strings.js'
import { unicodeString } from '../../arbitraries/strings.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createState, expectFound } from '../../harness/oauth-state-steps.js'
import { perStoreRuns } from '../../harness/oauth-steps.js'

/** A result token: any Unicode, empty included, sometimes exactly 4096 units long. */
const token = fc.oneof(
  { weight: 4, arbitrary: unicodeString({ maxLength: 200 }) },
  { weight: 1, arbitrary: exactLength(4096) },
)

/** The ways to say "no new expiry" (CONTRACT §0.6: `undefined` and `null` both mean "not given"). */
type NoExpiry = 'omitted' | 'undefined-options' | 'null-options' | 'empty-options' | 'undefined' | 'null'
const noExpiry = fc.constantFrom<NoExpiry>(
  'omitted',
  'undefined-options',
  'null-options',
  'empty-options',
  'undefined',
  'null',
)

const setsToken: Check = {
  id: 'oauthStates.setResultToken.sets-token-only',
  title:
    'setResultToken sets resultToken (overwriting an earlier one) and, without newExpiresAt (omitted, ' +
    'undefined or null), leaves every other field, expiresAt included, unchanged.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§0.1',
  run: (ctx) =>
    ctx.property(
      [stateDraft(), token, token, noExpiry],
      (draft, firstToken, secondToken, how) =>
        ctx.withStore(async (store) => {
          const { oauthStates } = store.repos
          const state = stateOf(draft, store.clock)
          await createState(store, state)
          const call = (t: string): Promise<void> => {
            switch (how) {
              case 'omitted':
                return oauthStates.setResultToken(state.id, t)
              case 'undefined-options':
                return oauthStates.setResultToken(state.id, t, undefined)
              case 'null-options':
                return oauthStates.setResultToken(state.id, t, null)
              case 'empty-options':
                return oauthStates.setResultToken(state.id, t, {})
              case 'undefined':
                return oauthStates.setResultToken(state.id, t, { newExpiresAt: undefined })
              case 'null':
                return oauthStates.setResultToken(state.id, t, { newExpiresAt: null })
            }
          }
          await call(firstToken)
          await expectFound(
            store,
            state.id,
            { ...state, resultToken: firstToken },
            `after setResultToken (${how})`,
          )
          await call(secondToken)
          await expectFound(
            store,
            state.id,
            { ...state, resultToken: secondToken },
            `after a second setResultToken (${how})`,
          )
        }),
      perStoreRuns(ctx),
    ),
}

const setsExpiry: Check = {
  id: 'oauthStates.setResultToken.new-expires-at-sets-expiry',
  title:
    'setResultToken with newExpiresAt sets both resultToken and expiresAt, and leaves every other field ' +
    'unchanged.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§0.1',
  run: (ctx) =>
    ctx.property(
      [stateDraft(), token, fc.integer({ min: -SAFE_PAST_MS, max: SAFE_PAST_MS })],
      (draft, t, offsetMs) =>
        ctx.withStore(async (store) => {
          const state = stateOf(draft, store.clock)
          await createState(store, state)
          const newExpiresAt = shifted(store.clock.now(), offsetMs)
          await store.repos.oauthStates.setResultToken(state.id, t, { newExpiresAt })
          await expectFound(
            store,
            state.id,
            { ...state, resultToken: t, expiresAt: newExpiresAt },
            `after setResultToken(…, { newExpiresAt: ${describeValue(newExpiresAt)} })`,
          )
        }),
      perStoreRuns(ctx),
    ),
}

const unknownNoOp: Check = {
  id: 'oauthStates.setResultToken.unknown-id-no-op',
  title:
    'setResultToken for an id that is not stored (also with newExpiresAt) is a no-op: no row appears (find ' +
    'and consume return null) and stored states are unchanged.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§0.1',
  run: (ctx) =>
    ctx.property(
      [stateDraft(), stateDraft(), token],
      async (draft, unknownDraft, t) => {
        fc.pre(unknownDraft.state.id !== draft.state.id)
        await ctx.withStore(async (store) => {
          const { oauthStates } = store.repos
          const state = stateOf(draft, store.clock)
          await createState(store, state)
          const unknown = [unknownDraft.state.id, ...storableNearMisses(state.id, 64)]
          for (const id of unknown) {
            await oauthStates.setResultToken(id, t)
            await oauthStates.setResultToken(id, t, { newExpiresAt: store.clock.now() })
            expectEqual(
              await oauthStates.find(id),
              null,
              `find(${describeValue(id)}) after setResultToken of that unknown id`,
            )
            expectEqual(
              await oauthStates.consume(id),
              null,
              `consume(${describeValue(id)}) after setResultToken of that unknown id`,
            )
          }
          await expectFound(store, state.id, state, 'after setResultToken of unknown ids')
        })
      },
      perStoreRuns(ctx),
    ),
}

/** Checks of `setResultToken` (CONTRACT §0.1, §3.7, P19). */
export const stateSetResultTokenChecks: readonly Check[] = [setsToken, setsExpiry, unknownNoOp]
