import type { NewOAuthState } from '@regstack/protocols'
import fc from 'fast-check'
import { callCommand, type ModelCommand, nothing } from './model-command.js'
import { expiryOffset, maybe, offset } from './pools.js'
import { renderOffset } from './render-code.js'

const stateId = fc.constantFrom('state-1', 'state-2', 'state-3')

/** `resultWasNew` of a created state: given (2026-07 runs) or left out (every 2026-05 state). */
const givenFlag = (withFlag: boolean) =>
  withFlag ? fc.constantFrom(true, false, undefined) : fc.constant(undefined)

const create = (withFlag: boolean) =>
  fc
    .record({
      id: stateId,
      mode: fc.constantFrom('signin' as const, 'link' as const),
      linkingUserId: fc.constantFrom(null, 'user-1'),
      expiresAt: expiryOffset(),
      resultToken: fc.constantFrom(null, 'token-0'),
      resultWasNew: givenFlag(withFlag),
    })
    .map(({ resultWasNew, ...spec }) =>
      callCommand(
        `oauthStates.create(${spec.id}, expires ${renderOffset(spec.expiresAt)}${resultWasNew === undefined ? '' : `, resultWasNew ${resultWasNew}`})`,
        'oauthStates.create',
        (run) => {
          const state: NewOAuthState = {
            ...spec,
            ...(resultWasNew === undefined ? {} : { resultWasNew }),
            provider: 'google',
            codeVerifier: 'verifier',
            nonce: 'nonce',
            redirectTo: '/home',
            createdAt: run.at(0),
            expiresAt: run.at(spec.expiresAt),
          }
          return [[state], (r) => r.oauthStates.create(state), (o) => nothing(o.oauthStates.create(state))]
        },
      ),
    )

const find = stateId.map((id) =>
  callCommand(`oauthStates.find(${id})`, 'oauthStates.find', () => [
    [id],
    (r) => r.oauthStates.find(id),
    (o) => o.oauthStates.find(id),
  ]),
)

const setResultToken = (withFlag: boolean) =>
  fc
    .tuple(
      stateId,
      fc.constantFrom('token-1', 'token-2'),
      maybe(expiryOffset(), true),
      fc.boolean(),
      givenFlag(withFlag),
    )
    .map(([id, token, x, withOpts, wasNew]) =>
      callCommand(
        `oauthStates.setResultToken(${id}, ${token}${withOpts ? `, { newExpiresAt: ${x == null ? String(x) : renderOffset(x)}${wasNew === undefined ? '' : `, wasNew: ${wasNew}`} }` : ''})`,
        'oauthStates.setResultToken',
        (run) => {
          // wasNew rides along with the options object; without one, the call resets the flag.
          const opts = withOpts
            ? { newExpiresAt: x == null ? x : run.at(x), ...(wasNew === undefined ? {} : { wasNew }) }
            : undefined
          return [
            opts === undefined ? [id, token] : [id, token, opts],
            (r) => r.oauthStates.setResultToken(id, token, opts),
            (o) => nothing(o.oauthStates.setResultToken(id, token, opts)),
          ]
        },
      ),
    )

const consume = stateId.map((id) =>
  callCommand(`oauthStates.consume(${id})`, 'oauthStates.consume', () => [
    [id],
    (r) => r.oauthStates.consume(id),
    (o) => o.oauthStates.consume(id),
  ]),
)

const purgeExpired = maybe(offset()).map((x) =>
  callCommand(
    `oauthStates.purgeExpired(${x == null ? '' : renderOffset(x)})`,
    'oauthStates.purgeExpired',
    (run) => {
      const now = x == null ? undefined : run.at(x)
      return [
        now === undefined ? [] : [now],
        (r) => r.oauthStates.purgeExpired(now),
        (o) => o.oauthStates.purgeExpired(now),
      ]
    },
  ),
)

/**
 * Every OAuth-state call. `withResultWasNew` (revision 2026-07): creates may give `resultWasNew` and
 * `setResultToken` may pass `wasNew`; without it, calls are those of 2026-05.
 */
export function stateCommands(withResultWasNew = false): fc.Arbitrary<ModelCommand>[] {
  const creating = create(withResultWasNew)
  const setting = setResultToken(withResultWasNew)
  return [creating, creating, find, setting, consume, consume, purgeExpired]
}
