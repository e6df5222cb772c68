import type { NewOAuthState } from '@regstack/protocols'
import fc from 'fast-check'
import { callCommand, type ModelCommand, nothing } from './model-command.js'
import { expiryOffset, maybe, offset } from './pools.js'
import { renderOffset } from './render-code.js'

const stateId = fc.constantFrom('state-1', 'state-2', 'state-3')

const create = fc
  .record({
    id: stateId,
    mode: fc.constantFrom('signin' as const, 'link' as const),
    linkingUserId: fc.constantFrom(null, 'user-1'),
    expiresAt: expiryOffset(),
    resultToken: fc.constantFrom(null, 'token-0'),
  })
  .map((spec) =>
    callCommand(
      `oauthStates.create(${spec.id}, expires ${renderOffset(spec.expiresAt)})`,
      'oauthStates.create',
      (run) => {
        const state: NewOAuthState = {
          ...spec,
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

const setResultToken = fc
  .tuple(stateId, fc.constantFrom('token-1', 'token-2'), maybe(expiryOffset(), true), fc.boolean())
  .map(([id, token, x, withOpts]) =>
    callCommand(
      `oauthStates.setResultToken(${id}, ${token}${withOpts ? `, { newExpiresAt: ${x == null ? String(x) : renderOffset(x)} }` : ''})`,
      'oauthStates.setResultToken',
      (run) => {
        const opts = withOpts ? { newExpiresAt: x == null ? x : run.at(x) } : undefined
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

/** Every OAuth-state call. */
export function stateCommands(): fc.Arbitrary<ModelCommand>[] {
  return [create, create, find, setResultToken, consume, consume, purgeExpired]
}
