/**
 * `OAuthState.resultWasNew` and `setResultToken`'s `wasNew` (CONTRACT §0.19): the rules contract
 * revision `2026-07` adds to `2026-05`. These checks see the target's states unfiltered.
 */
import type { NewOAuthState, SetResultTokenOptions } from '@regstack/protocols'
import fc from 'fast-check'
import { shifted } from '../../arbitraries/dates.js'
import { SAFE_PAST_MS, stateDraft, stateOf } from '../../arbitraries/oauth-models.js'
import { storableNearMisses } from '../../arbitraries/oauth-strings.js'
import type { Check } from '../../check.js'
import { expectEqual, expectRejects } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createState, expectFound } from '../../harness/oauth-state-steps.js'
import { perStoreRuns } from '../../harness/oauth-steps.js'

const since = '2026-07' as const
const clause = '§0.19'

/** How a `NewOAuthState` input gives `resultWasNew`: a value, or not at all (then it is `false`). */
type GivenFlag = boolean | 'omitted' | 'undefined'
const givenFlag = fc.constantFrom<GivenFlag>(true, false, 'omitted', 'undefined')

function withFlag(state: NewOAuthState, given: GivenFlag): NewOAuthState {
  const { resultWasNew: _none, ...rest } = state
  if (given === 'omitted') return rest
  if (given === 'undefined') return { ...rest, resultWasNew: undefined }
  return { ...rest, resultWasNew: given }
}

/** The state as stored: every field, `resultWasNew` false unless given. */
function stored(state: NewOAuthState): NewOAuthState {
  return { ...state, resultWasNew: state.resultWasNew ?? false }
}

const roundTrips: Check = {
  id: 'oauthStates.create.result-was-new-round-trips',
  title:
    'resultWasNew given to create (true or false) comes back from find and from consume exactly as given; ' +
    'left out or undefined, it is false.',
  area: 'oauthStates',
  level: 'MUST',
  clause,
  since,
  run: (ctx) =>
    ctx.property(
      [stateDraft(), givenFlag],
      (draft, given) =>
        ctx.withStore(async (store) => {
          const state = withFlag(stateOf(draft, store.clock), given)
          await createState(store, state)
          await expectFound(store, state.id, stored(state), `after create (resultWasNew ${String(given)})`)
          expectEqual(
            await store.repos.oauthStates.consume(state.id),
            stored(state),
            `consume(${describeValue(state.id)}) (resultWasNew ${String(given)})`,
          )
        }),
      perStoreRuns(ctx),
    ),
}

const defaultsToFalse: Check = {
  id: 'oauthStates.create.result-was-new-defaults-to-false',
  title:
    'A state created without resultWasNew (as code written for 2026-05 creates it) has resultWasNew false, ' +
    'a boolean, not undefined or null.',
  area: 'oauthStates',
  level: 'MUST',
  clause,
  since,
  run: (ctx) =>
    ctx.property(
      [stateDraft()],
      (draft) =>
        ctx.withStore(async (store) => {
          const state = withFlag(stateOf(draft, store.clock), 'omitted')
          await createState(store, state)
          const found = await store.repos.oauthStates.find(state.id)
          expectEqual(found?.resultWasNew, false, `find(${describeValue(state.id)}).resultWasNew`)
        }),
      perStoreRuns(ctx),
    ),
}

/** One `setResultToken` call of a sequence: its token, its `wasNew` and whether it moves the expiry. */
interface TokenCall {
  readonly token: string
  readonly wasNew: boolean | 'omitted' | 'undefined' | 'null'
  readonly expiryMs: number | undefined
}
const tokenCall: fc.Arbitrary<TokenCall> = fc.record({
  token: fc.constantFrom('token-a', 'token-b', ''),
  wasNew: fc.constantFrom(true, false, 'omitted' as const, 'undefined' as const, 'null' as const),
  expiryMs: fc.option(fc.integer({ min: -SAFE_PAST_MS, max: SAFE_PAST_MS }), { nil: undefined }),
})

function optionsOf(call: TokenCall, newExpiresAt: Date | undefined): SetResultTokenOptions | undefined {
  const flag =
    call.wasNew === 'omitted'
      ? {}
      : { wasNew: call.wasNew === 'undefined' ? undefined : call.wasNew === 'null' ? null : call.wasNew }
  if (newExpiresAt === undefined && call.wasNew === 'omitted') return undefined
  return newExpiresAt === undefined ? flag : { ...flag, newExpiresAt }
}

const everyCallWrites: Check = {
  id: 'oauthStates.setResultToken.writes-was-new-every-call',
  title:
    'Every setResultToken writes resultWasNew = wasNew, and a call without wasNew (omitted, undefined or ' +
    'null) resets it to false, together with the token and, when given, newExpiresAt; other fields stay.',
  area: 'oauthStates',
  level: 'MUST',
  clause,
  since,
  run: (ctx) =>
    ctx.property(
      [stateDraft(), fc.boolean(), fc.array(tokenCall, { minLength: 1, maxLength: 5 })],
      (draft, initial, calls) =>
        ctx.withStore(async (store) => {
          let expected = stored({ ...stateOf(draft, store.clock), resultWasNew: initial })
          await createState(store, expected)
          for (const call of calls) {
            const newExpiresAt =
              call.expiryMs === undefined ? undefined : shifted(store.clock.now(), call.expiryMs)
            const opts = optionsOf(call, newExpiresAt)
            await store.repos.oauthStates.setResultToken(expected.id, call.token, opts)
            expected = {
              ...expected,
              resultToken: call.token,
              resultWasNew: call.wasNew === true,
              ...(newExpiresAt === undefined ? {} : { expiresAt: newExpiresAt }),
            }
            await expectFound(
              store,
              expected.id,
              expected,
              `after setResultToken(${describeValue(expected.id)}, ${describeValue(call.token)}${
                opts === undefined ? '' : `, ${describeValue(opts)}`
              })`,
            )
          }
        }),
      perStoreRuns(ctx),
    ),
}

const unknownIdNoOp: Check = {
  id: 'oauthStates.setResultToken.was-new-unknown-id-no-op',
  title: 'setResultToken with wasNew true for an id that is not stored is a no-op: no row appears.',
  area: 'oauthStates',
  level: 'MUST',
  clause,
  since,
  run: (ctx) =>
    ctx.property(
      [stateDraft()],
      (draft) =>
        ctx.withStore(async (store) => {
          const state = stateOf(draft, store.clock)
          await createState(store, state)
          for (const id of storableNearMisses(state.id, 64)) {
            await store.repos.oauthStates.setResultToken(id, 't', { wasNew: true })
            expectEqual(await store.repos.oauthStates.find(id), null, `find(${describeValue(id)})`)
          }
          await expectFound(store, state.id, stored(state), 'after setResultToken of unknown ids')
        }),
      perStoreRuns(ctx),
    ),
}

/** Values that are not booleans, with the ones a careless encoder would take for one. */
const NOT_BOOLEANS: readonly unknown[] = [
  'true',
  'false',
  '',
  1,
  0,
  Number.NaN,
  {},
  [],
  [true],
  new Boolean(true),
]

const rejectsNonBoolean: Check = {
  id: 'oauthStates.setResultToken.was-new-rejects-non-boolean',
  title:
    'setResultToken with a wasNew that is not a boolean ("true", 1, 0, an object, …) rejects with ' +
    'INVALID_INPUT and changes nothing; so does create with such a resultWasNew.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§0.19, §0.6',
  since,
  run: (ctx) =>
    ctx.withStore(async (store) => {
      const state = stateOf(
        {
          state: {
            id: 'was-new-state',
            provider: 'google',
            codeVerifier: 'verifier',
            nonce: 'nonce',
            redirectTo: '/',
            mode: 'signin',
            linkingUserId: null,
            createdAt: store.clock.now(),
            resultToken: null,
          },
          expiry: { inMs: 60_000 },
        },
        store.clock,
      )
      await createState(store, state)
      for (const bad of NOT_BOOLEANS) {
        await expectRejects(
          () => store.repos.oauthStates.setResultToken(state.id, 'token', { wasNew: bad as boolean }),
          'INVALID_INPUT',
          `setResultToken(…, { wasNew: ${describeValue(bad)} })`,
        )
        await expectRejects(
          () => store.repos.oauthStates.create({ ...state, id: 'other-state', resultWasNew: bad as boolean }),
          'INVALID_INPUT',
          `create({ …, resultWasNew: ${describeValue(bad)} })`,
        )
      }
      await expectFound(store, state.id, stored(state), 'after the rejected calls')
      expectEqual(await store.repos.oauthStates.find('other-state'), null, 'find("other-state")')
    }),
}

/** The checks new in revision 2026-07 for single calls (CONTRACT §0.19). */
export const stateResultWasNewChecks: readonly Check[] = [
  roundTrips,
  defaultsToFalse,
  everyCallWrites,
  unknownIdNoOp,
  rejectsNonBoolean,
]
