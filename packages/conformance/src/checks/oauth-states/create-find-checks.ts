import fc from 'fast-check'
import { stateDraft, stateOf } from '../../arbitraries/oauth-models.js'
import { storableNearMisses } from '../../arbitraries/oauth-strings.js'
import type { Check } from '../../check.js'
import { expectEqual, expectRejects } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createState, expectFound } from '../../harness/oauth-state-steps.js'
import { perStoreRuns } from '../../harness/oauth-steps.js'

const roundTrip: Check = {
  id: 'oauthStates.create.round-trips',
  title:
    'find after create returns every field as written (both modes, null or set linkingUserId and ' +
    'resultToken, ms dates, values at their limits) under the caller’s id.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§3.7',
  run: (ctx) =>
    ctx.property(
      [stateDraft(true)],
      (draft) =>
        ctx.withStore(async (store) => {
          const state = stateOf(draft, store.clock)
          await createState(store, state)
          await expectFound(store, state.id, state, 'after create')
        }),
      perStoreRuns(ctx),
    ),
}

const duplicateId: Check = {
  id: 'oauthStates.create.duplicate-id-rejected',
  title:
    'create with an id already stored rejects with OAUTH_STATE_ALREADY_EXISTS carrying that stateId, and ' +
    'the stored row is unchanged.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§0.11',
  run: (ctx) =>
    ctx.property(
      [stateDraft(), stateDraft()],
      (firstDraft, secondDraft) =>
        ctx.withStore(async (store) => {
          const first = stateOf(firstDraft, store.clock)
          const second = { ...stateOf(secondDraft, store.clock), id: first.id }
          await createState(store, first)
          const error = await expectRejects(
            () => store.repos.oauthStates.create(second),
            'OAUTH_STATE_ALREADY_EXISTS',
            `create(${describeValue(second)}) with a stored id`,
          )
          expectEqual(error.stateId, first.id, 'OAuthStateAlreadyExistsError.stateId')
          await expectFound(store, first.id, first, 'after the rejected duplicate create')
        }),
      perStoreRuns(ctx),
    ),
}

const findKeepsExpired: Check = {
  id: 'oauthStates.find.returns-expired-rows',
  title:
    'find applies no expiry filter: a state whose expiresAt is before the clock’s now is still returned.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§3.7',
  run: (ctx) =>
    ctx.property(
      // 1 ms to 50 min in the past by the store clock: expired, yet still in the wall-clock future, so
      // no engine may have reaped it.
      [stateDraft(), fc.integer({ min: 1, max: 50 * 60 * 1000 })],
      (draft, agoMs) =>
        ctx.withStore(async (store) => {
          const state = stateOf({ ...draft, expiry: { inMs: -agoMs } }, store.clock)
          await createState(store, state)
          await expectFound(store, state.id, state, `for a state expired ${agoMs} ms ago`)
          store.clock.advance(agoMs)
          await expectFound(store, state.id, state, 'after the clock moved further past its expiry')
        }),
      perStoreRuns(ctx),
    ),
}

const nearMissIds: Check = {
  id: 'oauthStates.keys.near-miss-ids-are-different',
  title:
    'State ids match exactly: other case, surrounding spaces or another normal form find, consume and ' +
    'update nothing, and can be created as separate states.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§0.5',
  run: (ctx) =>
    ctx.property(
      [stateDraft(), stateDraft()],
      (draft, otherDraft) =>
        ctx.withStore(async (store) => {
          const { oauthStates } = store.repos
          const state = stateOf(draft, store.clock)
          await createState(store, state)
          const misses = storableNearMisses(state.id, 64)
          for (const id of misses) {
            expectEqual(
              await oauthStates.find(id),
              null,
              `find(${describeValue(id)}) (near miss of ${describeValue(state.id)})`,
            )
            expectEqual(
              await oauthStates.consume(id),
              null,
              `consume(${describeValue(id)}) (near miss of ${describeValue(state.id)})`,
            )
            await oauthStates.setResultToken(id, 'near-miss-token')
          }
          await expectFound(store, state.id, state, 'after find/consume/setResultToken of its near-miss ids')
          const others = misses.map((id) => ({ ...stateOf(otherDraft, store.clock), id }))
          for (const other of others) await createState(store, other)
          await expectFound(store, state.id, state, 'after creating states under its near-miss ids')
          for (const other of others) await expectFound(store, other.id, other, 'among near-miss ids')
        }),
      perStoreRuns(ctx),
    ),
}

/** Checks of `create`, `find` and exact id matching. */
export const stateCreateFindChecks: readonly Check[] = [roundTrip, duplicateId, findKeepsExpired, nearMissIds]
