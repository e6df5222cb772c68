import type { MfaKind, NewMfaCode } from '@regstack/protocols'
import fc from 'fast-check'
import { sha256Hex } from '../../arbitraries/sha256.js'
import { nothing } from '../model/model-command.js'
import { VOID } from '../model/outcome.js'
import { offset } from '../model/pools.js'
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
      // The whole call resolves to void, which is not compared (a process bridge answers `null`);
      // one row's share of a delete without `kind` counts nothing.
      predict: (o, _a, row) => {
        o.mfaCodes.delete(row === undefined ? { userId: u, kind: k ?? null } : parseRow(row))
        return row === undefined ? VOID : 0
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

/** MFA-code calls over two users (the first most often) and both kinds. */
export function mfaOps(): OpArbitrary[] {
  return [put, put, verify, verify, verify, find, find, mfaDelete, mfaPurge]
}
