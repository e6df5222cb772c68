import type { NewOAuthIdentity, NewOAuthState } from '@regstack/protocols'
import fc from 'fast-check'
import { nothing } from '../model/model-command.js'
import { expiryOffset, offset } from '../model/pools.js'
import { callCode } from '../model/render-code.js'
import { type LinOp, type OpArbitrary, opSpec } from './lin-op.js'
import { idOf } from './user-ops.js'

const ID_USERS: readonly string[] = ['user-1', 'user-2']
const PROVIDERS: readonly string[] = ['google', 'github']
const idUser = fc.constantFrom(...ID_USERS)
const provider = fc.constantFrom(...PROVIDERS)
const subject = fc.constantFrom('sub-1', 'sub-2')

const link = fc.tuple(idUser, provider, subject).map(([u, p, s]) =>
  opSpec(
    `oauthIdentities.create(${u}, ${p}/${s})`,
    (env): LinOp => {
      const make = (): NewOAuthIdentity => ({
        userId: u,
        provider: p,
        subjectId: s,
        email: null,
        linkedAt: env.at(0),
        lastUsedAt: null,
      })
      const mine = make()
      return {
        repo: 'oauthIdentities',
        kind: 'write',
        code: callCode('oauthIdentities.create', [mine], env.nowMs),
        call: (r) => r.oauthIdentities.create(mine),
        inputs: [mine],
        predict: (o, actual) => o.oauthIdentities.create(make(), idOf(actual)),
      }
    },
    true,
  ),
)

const findBySubject = fc.tuple(provider, subject).map(([p, s]) =>
  opSpec(`oauthIdentities.findBySubject(${p}/${s})`, (env): LinOp => {
    const mine = { provider: p, subjectId: s }
    return {
      repo: 'oauthIdentities',
      kind: 'read',
      code: callCode('oauthIdentities.findBySubject', [mine], env.nowMs),
      call: (r) => r.oauthIdentities.findBySubject(mine),
      inputs: [mine],
      predict: (o) => o.oauthIdentities.findBySubject({ provider: p, subjectId: s }),
    }
  }),
)

const listForUser = idUser.map((u) =>
  opSpec(
    `oauthIdentities.listForUser(${u})`,
    (env): LinOp => ({
      repo: 'oauthIdentities',
      kind: 'multi-read',
      code: callCode('oauthIdentities.listForUser', [u], env.nowMs),
      call: (r) => r.oauthIdentities.listForUser(u),
      inputs: [],
      predict: (o) => o.oauthIdentities.listForUser(u),
    }),
  ),
)

const unlink = fc.tuple(idUser, provider).map(([u, p]) =>
  opSpec(`oauthIdentities.delete(${u}, ${p})`, (env): LinOp => {
    const mine = { userId: u, provider: p }
    return {
      repo: 'oauthIdentities',
      kind: 'write',
      code: callCode('oauthIdentities.delete', [mine], env.nowMs),
      call: (r) => r.oauthIdentities.delete(mine),
      inputs: [mine],
      predict: (o) => o.oauthIdentities.delete({ userId: u, provider: p }),
    }
  }),
)

const unlinkAll = idUser.map((u) =>
  opSpec(
    `oauthIdentities.deleteByUserId(${u})`,
    (env): LinOp => ({
      repo: 'oauthIdentities',
      kind: 'multi-write',
      rows: PROVIDERS,
      code: callCode('oauthIdentities.deleteByUserId', [u], env.nowMs),
      call: (r) => r.oauthIdentities.deleteByUserId(u),
      inputs: [],
      predict: (o, _a, row) =>
        row === undefined
          ? o.oauthIdentities.deleteByUserId(u)
          : Number(o.oauthIdentities.delete({ userId: u, provider: row })),
    }),
  ),
)

const touch = fc.tuple(provider, subject, offset()).map(([p, s, x]) =>
  opSpec(`oauthIdentities.touchLastUsed(${p}/${s}, at(${x}))`, (env): LinOp => {
    const mine = { provider: p, subjectId: s, when: env.at(x) }
    return {
      repo: 'oauthIdentities',
      kind: 'write',
      code: callCode('oauthIdentities.touchLastUsed', [mine], env.nowMs),
      call: (r) => r.oauthIdentities.touchLastUsed(mine),
      inputs: [mine, mine.when],
      predict: (o) =>
        nothing(o.oauthIdentities.touchLastUsed({ provider: p, subjectId: s, when: env.at(x) })),
    }
  }),
)

const STATE_IDS: readonly string[] = ['state-1', 'state-2']
const stateId = fc.constantFrom(...STATE_IDS)

/** `resultWasNew` of a created state, or `wasNew` of a call: given (2026-07 histories) or left out. */
const givenFlag = (withFlag: boolean) =>
  withFlag ? fc.constantFrom(true, false, undefined) : fc.constant(undefined)

const createState = (withFlag: boolean) =>
  fc
    .tuple(stateId, expiryOffset(), fc.constantFrom('/a', '/b'), givenFlag(withFlag))
    .map(([id, x, to, flag]) =>
      opSpec(
        `oauthStates.create(${id}, ${to}${flag === undefined ? '' : `, resultWasNew ${flag}`})`,
        (env): LinOp => {
          const make = (): NewOAuthState => ({
            ...(flag === undefined ? {} : { resultWasNew: flag }),
            id,
            provider: 'google',
            codeVerifier: 'verifier',
            nonce: 'nonce',
            redirectTo: to,
            mode: 'signin',
            linkingUserId: null,
            createdAt: env.at(0),
            expiresAt: env.at(x),
            resultToken: null,
          })
          const mine = make()
          return {
            repo: 'oauthStates',
            kind: 'write',
            code: callCode('oauthStates.create', [mine], env.nowMs),
            call: (r) => r.oauthStates.create(mine),
            inputs: [mine],
            predict: (o) => nothing(o.oauthStates.create(make())),
          }
        },
      ),
    )

const findState = stateId.map((id) =>
  opSpec(
    `oauthStates.find(${id})`,
    (env): LinOp => ({
      repo: 'oauthStates',
      kind: 'read',
      code: callCode('oauthStates.find', [id], env.nowMs),
      call: (r) => r.oauthStates.find(id),
      inputs: [],
      predict: (o) => o.oauthStates.find(id),
    }),
  ),
)

const setResultToken = (withFlag: boolean) =>
  fc
    .tuple(
      stateId,
      fc.constantFrom('token-1', 'token-2'),
      fc.option(expiryOffset(), { nil: undefined }),
      givenFlag(withFlag),
    )
    .map(([id, token, x, wasNew]) =>
      opSpec(
        `oauthStates.setResultToken(${id}, ${token}, ${String(x)}${wasNew === undefined ? '' : `, wasNew ${wasNew}`})`,
        (env): LinOp => {
          // Token, flag and expiry are one write: a reader must see all three from one call (§0.17).
          const options = (): { newExpiresAt?: Date; wasNew?: boolean } | undefined =>
            x === undefined && wasNew === undefined
              ? undefined
              : {
                  ...(x === undefined ? {} : { newExpiresAt: env.at(x) }),
                  ...(wasNew === undefined ? {} : { wasNew }),
                }
          const mine = options()
          return {
            repo: 'oauthStates',
            kind: 'write',
            code: callCode(
              'oauthStates.setResultToken',
              mine === undefined ? [id, token] : [id, token, mine],
              env.nowMs,
            ),
            call: (r) => r.oauthStates.setResultToken(id, token, mine),
            inputs:
              mine === undefined ? [] : mine.newExpiresAt === undefined ? [mine] : [mine, mine.newExpiresAt],
            predict: (o) => nothing(o.oauthStates.setResultToken(id, token, options())),
          }
        },
      ),
    )

const consume = stateId.map((id) =>
  opSpec(
    `oauthStates.consume(${id})`,
    (env): LinOp => ({
      repo: 'oauthStates',
      kind: 'write',
      code: callCode('oauthStates.consume', [id], env.nowMs),
      call: (r) => r.oauthStates.consume(id),
      inputs: [],
      predict: (o) => o.oauthStates.consume(id),
    }),
  ),
)

const statePurge = offset().map((x) =>
  opSpec(`oauthStates.purgeExpired(at(${x}))`, (env): LinOp => {
    const now = env.at(x)
    return {
      repo: 'oauthStates',
      kind: 'multi-write',
      rows: STATE_IDS,
      code: callCode('oauthStates.purgeExpired', [now], env.nowMs),
      call: (r) => r.oauthStates.purgeExpired(now),
      inputs: [now],
      predict: (o, _a, row) => o.oauthStates.purgeExpired(env.at(x), row),
    }
  }),
)

/** OAuth identity calls over two users, two providers and two subjects. */
export function identityOps(): OpArbitrary[] {
  return [link, link, findBySubject, findBySubject, listForUser, unlink, unlinkAll, touch]
}

/**
 * OAuth state calls over two state ids. `withResultWasNew` (revision 2026-07): creates may give
 * `resultWasNew` and `setResultToken` may pass `wasNew`; without it, the calls of 2026-05.
 */
export function stateOps(withResultWasNew = false): OpArbitrary[] {
  const creating = createState(withResultWasNew)
  const setting = setResultToken(withResultWasNew)
  return [creating, findState, findState, setting, setting, consume, consume, statePurge]
}
