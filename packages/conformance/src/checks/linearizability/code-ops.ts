import type { MfaKind, NewMfaCode, NewOAuthIdentity, NewOAuthState } from '@regstack/protocols'
import fc from 'fast-check'
import { sha256Hex } from '../../arbitraries/sha256.js'
import { nothing } from '../model/model-command.js'
import { expiryOffset, offset } from '../model/pools.js'
import { callCode } from '../model/render-code.js'
import { type LinOp, type OpArbitrary, opSpec } from './lin-op.js'
import { idOf } from './user-ops.js'

const KINDS: readonly MfaKind[] = ['login_mfa', 'phone_setup']
const MFA_USERS: readonly string[] = ['user-1', 'user-2']
const mfaUser = fc.oneof(
  { weight: 4, arbitrary: fc.constant(MFA_USERS[0] as string) },
  { weight: 1, arbitrary: fc.constant(MFA_USERS[1] as string) },
)
const kind = fc.constantFrom(...KINDS)
const CODES: readonly string[] = ['111111', '222222', '999999']
const rowKey = (userId: string, k: MfaKind): string => `${userId}/${k}`
const MFA_ROWS: readonly string[] = MFA_USERS.flatMap((u) => KINDS.map((k) => rowKey(u, k)))
const parseRow = (row: string): { userId: string; kind: MfaKind } => {
  const [userId, k] = row.split('/') as [string, MfaKind]
  return { userId, kind: k }
}

const put = fc
  .record({
    userId: mfaUser,
    kind,
    code: fc.nat(1),
    attempts: fc.constantFrom(0, 0, 1),
    max: fc.constantFrom(2, 3),
  })
  .map((s) =>
    opSpec(
      `mfaCodes.put(${s.userId}/${s.kind}, code ${CODES[s.code]}, ${s.attempts}/${s.max})`,
      (env): LinOp => {
        const make = (): NewMfaCode => ({
          userId: s.userId,
          kind: s.kind,
          codeHash: sha256Hex(CODES[s.code] as string),
          expiresAt: env.at(300_000),
          attempts: s.attempts,
          maxAttempts: s.max,
          createdAt: env.at(0),
        })
        const mine = make()
        return {
          repo: 'mfaCodes',
          kind: 'write',
          code: callCode('mfaCodes.put', [mine], env.nowMs),
          call: (r) => r.mfaCodes.put(mine),
          inputs: [mine],
          predict: (o) => nothing(o.mfaCodes.put(make())),
        }
      },
    ),
  )

const verify = fc.tuple(mfaUser, kind, fc.constantFrom(...CODES)).map(([u, k, rawCode]) =>
  opSpec(`mfaCodes.verify(${u}/${k}, ${rawCode})`, (env): LinOp => {
    const mine = { userId: u, kind: k, rawCode }
    return {
      repo: 'mfaCodes',
      kind: 'write',
      code: callCode('mfaCodes.verify', [mine], env.nowMs),
      call: (r) => r.mfaCodes.verify(mine),
      inputs: [mine],
      predict: (o) => o.mfaCodes.verify({ userId: u, kind: k, rawCode }),
    }
  }),
)

const find = fc.tuple(mfaUser, kind).map(([u, k]) =>
  opSpec(`mfaCodes.find(${u}/${k})`, (env): LinOp => {
    const mine = { userId: u, kind: k }
    return {
      repo: 'mfaCodes',
      kind: 'read',
      code: callCode('mfaCodes.find', [mine], env.nowMs),
      call: (r) => r.mfaCodes.find(mine),
      inputs: [mine],
      predict: (o, actual) => o.mfaCodes.find({ userId: u, kind: k }, idOf(actual)),
    }
  }),
)

const mfaDelete = fc.tuple(mfaUser, fc.option(kind, { nil: undefined })).map(([u, k]) =>
  opSpec(`mfaCodes.delete(${u}/${String(k)})`, (env): LinOp => {
    const mine = k === undefined ? { userId: u } : { userId: u, kind: k }
    return {
      repo: 'mfaCodes',
      kind: k === undefined ? 'multi-write' : 'write',
      ...(k === undefined ? { rows: KINDS.map((kk) => rowKey(u, kk)) } : {}),
      code: callCode('mfaCodes.delete', [mine], env.nowMs),
      call: (r) => r.mfaCodes.delete(mine),
      inputs: [mine],
      predict: (o, _a, row) => {
        o.mfaCodes.delete(row === undefined ? { userId: u, kind: k ?? null } : parseRow(row))
        return row === undefined ? undefined : 0
      },
    }
  }),
)

const mfaPurge = offset().map((x) =>
  opSpec(`mfaCodes.purgeExpired(at(${x}))`, (env): LinOp => {
    const now = env.at(x)
    return {
      repo: 'mfaCodes',
      kind: 'multi-write',
      rows: MFA_ROWS,
      code: callCode('mfaCodes.purgeExpired', [now], env.nowMs),
      call: (r) => r.mfaCodes.purgeExpired(now),
      inputs: [now],
      predict: (o, _a, row) =>
        o.mfaCodes.purgeExpired(env.at(x), row === undefined ? undefined : parseRow(row)),
    }
  }),
)

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

const createState = fc.tuple(stateId, expiryOffset(), fc.constantFrom('/a', '/b')).map(([id, x, to]) =>
  opSpec(`oauthStates.create(${id}, ${to})`, (env): LinOp => {
    const make = (): NewOAuthState => ({
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
  }),
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

const setResultToken = fc
  .tuple(stateId, fc.constantFrom('token-1', 'token-2'), fc.option(expiryOffset(), { nil: undefined }))
  .map(([id, token, x]) =>
    opSpec(`oauthStates.setResultToken(${id}, ${token}, ${String(x)})`, (env): LinOp => {
      const mine = x === undefined ? undefined : { newExpiresAt: env.at(x) }
      return {
        repo: 'oauthStates',
        kind: 'write',
        code: callCode(
          'oauthStates.setResultToken',
          mine === undefined ? [id, token] : [id, token, mine],
          env.nowMs,
        ),
        call: (r) => r.oauthStates.setResultToken(id, token, mine),
        inputs: mine === undefined ? [] : [mine, mine.newExpiresAt],
        predict: (o) =>
          nothing(
            o.oauthStates.setResultToken(
              id,
              token,
              x === undefined ? undefined : { newExpiresAt: env.at(x) },
            ),
          ),
      }
    }),
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

/** MFA-code calls over two users (the first most often) and both kinds. */
export function mfaOps(): OpArbitrary[] {
  return [put, put, verify, verify, verify, find, find, mfaDelete, mfaPurge]
}

/** OAuth identity calls over two users, two providers and two subjects. */
export function identityOps(): OpArbitrary[] {
  return [link, link, findBySubject, findBySubject, listForUser, unlink, unlinkAll, touch]
}

/** OAuth state calls over two state ids. */
export function stateOps(): OpArbitrary[] {
  return [createState, findState, findState, setResultToken, setResultToken, consume, consume, statePurge]
}
