import type { NewPendingRegistration, RecordFailureOptions } from '@regstack/protocols'
import fc from 'fast-check'
import { sha256Hex } from '../../arbitraries/sha256.js'
import { nothing } from '../model/model-command.js'
import { EMAILS, expiryOffset, offset, pooledEmail } from '../model/pools.js'
import { callCode } from '../model/render-code.js'
import { type LinOp, type OpArbitrary, opSpec } from './lin-op.js'
import { idOf } from './user-ops.js'

const TOKENS: readonly string[] = ['t1', 't2', 't3'].map(sha256Hex)

function pendingInput(
  spec: { email: string; token: number; expiresAt: number; name: string | null },
  at: (ms: number) => Date,
): NewPendingRegistration {
  return {
    email: spec.email,
    hashedPassword: 'hash',
    fullName: spec.name,
    tokenHash: TOKENS[spec.token] as string,
    createdAt: at(0),
    expiresAt: at(spec.expiresAt),
  }
}

const upsert = fc
  .record({
    email: pooledEmail(),
    token: fc.nat(2),
    expiresAt: expiryOffset(),
    name: fc.constantFrom('Ann', null),
  })
  .map((spec) =>
    opSpec(
      `pending.upsert(${JSON.stringify(spec.email)}, token#${spec.token + 1})`,
      (env): LinOp => {
        const mine = pendingInput(spec, env.at)
        const theirs = pendingInput(spec, env.at)
        return {
          repo: 'pending',
          kind: 'write',
          code: callCode('pending.upsert', [mine], env.nowMs),
          call: (r) => r.pending.upsert(mine),
          inputs: [mine],
          predict: (o, actual) => o.pending.upsert(theirs, idOf(actual)),
        }
      },
      true,
    ),
  )

const findByEmail = pooledEmail().map((email) =>
  opSpec(
    `pending.findByEmail(${JSON.stringify(email)})`,
    (env): LinOp => ({
      repo: 'pending',
      kind: 'read',
      code: callCode('pending.findByEmail', [email], env.nowMs),
      call: (r) => r.pending.findByEmail(email),
      inputs: [],
      predict: (o) => o.pending.findByEmail(email),
    }),
  ),
)

const findByToken = fc.nat(2).map((t) =>
  opSpec(
    `pending.findByTokenHash(token#${t + 1})`,
    (env): LinOp => ({
      repo: 'pending',
      kind: 'read',
      code: callCode('pending.findByTokenHash', [TOKENS[t]], env.nowMs),
      call: (r) => r.pending.findByTokenHash(TOKENS[t] as string),
      inputs: [],
      predict: (o) => o.pending.findByTokenHash(TOKENS[t] as string),
    }),
  ),
)

const deleteByEmail = pooledEmail().map((email) =>
  opSpec(
    `pending.deleteByEmail(${JSON.stringify(email)})`,
    (env): LinOp => ({
      repo: 'pending',
      kind: 'write',
      code: callCode('pending.deleteByEmail', [email], env.nowMs),
      call: (r) => r.pending.deleteByEmail(email),
      inputs: [],
      predict: (o) => nothing(o.pending.deleteByEmail(email)),
    }),
  ),
)

const pendingPurge = offset().map((x) =>
  opSpec(`pending.purgeExpired(at(${x}))`, (env): LinOp => {
    const now = env.at(x)
    return {
      repo: 'pending',
      kind: 'multi-write',
      rows: EMAILS,
      code: callCode('pending.purgeExpired', [now], env.nowMs),
      call: (r) => r.pending.purgeExpired(now),
      inputs: [now],
      predict: (o, _a, row) => o.pending.purgeExpired(env.at(x), row),
    }
  }),
)

const countUnexpired = offset().map((x) =>
  opSpec(`pending.countUnexpired(at(${x}))`, (env): LinOp => {
    const now = env.at(x)
    return {
      repo: 'pending',
      kind: 'multi-read',
      code: callCode('pending.countUnexpired', [now], env.nowMs),
      call: (r) => r.pending.countUnexpired(now),
      inputs: [now],
      predict: (o) => o.pending.countUnexpired(env.at(x)),
    }
  }),
)

const JTIS: readonly string[] = ['jti-1', 'jti-2']
const jti = fc.constantFrom(...JTIS)

const revoke = fc.tuple(jti, expiryOffset()).map(([j, x]) =>
  opSpec(`blacklist.revoke(${j}, at(${x}))`, (env): LinOp => {
    const exp = env.at(x)
    return {
      repo: 'blacklist',
      kind: 'write',
      code: callCode('blacklist.revoke', [j, exp], env.nowMs),
      call: (r) => r.blacklist.revoke(j, exp),
      inputs: [exp],
      predict: (o) => nothing(o.blacklist.revoke(j, env.at(x))),
    }
  }),
)

const isRevoked = jti.map((j) =>
  opSpec(
    `blacklist.isRevoked(${j})`,
    (env): LinOp => ({
      repo: 'blacklist',
      kind: 'read',
      code: callCode('blacklist.isRevoked', [j], env.nowMs),
      call: (r) => r.blacklist.isRevoked(j),
      inputs: [],
      predict: (o) => o.blacklist.isRevoked(j),
    }),
  ),
)

const blacklistPurge = offset().map((x) =>
  opSpec(`blacklist.purgeExpired(at(${x}))`, (env): LinOp => {
    const now = env.at(x)
    return {
      repo: 'blacklist',
      kind: 'multi-write',
      rows: JTIS,
      code: callCode('blacklist.purgeExpired', [now], env.nowMs),
      call: (r) => r.blacklist.purgeExpired(now),
      inputs: [now],
      predict: (o, _a, row) => o.blacklist.purgeExpired(env.at(x), row),
    }
  }),
)

const ATTEMPT_EMAILS: readonly string[] = ['a@x.io', 'b@x.io']
const attemptEmail = fc.constantFrom(...ATTEMPT_EMAILS)

const recordFailure = fc.tuple(attemptEmail, offset()).map(([email, x]) =>
  opSpec(`attempts.recordFailure(${JSON.stringify(email)}, at(${x}))`, (env): LinOp => {
    const opts: RecordFailureOptions = { when: env.at(x), ip: '10.0.0.1' }
    return {
      repo: 'attempts',
      kind: 'write',
      code: callCode('attempts.recordFailure', [email, opts], env.nowMs),
      call: (r) => r.attempts.recordFailure(email, opts),
      inputs: [opts, opts.when as Date],
      predict: (o) => nothing(o.attempts.recordFailure(email, { when: env.at(x), ip: '10.0.0.1' })),
    }
  }),
)

// Every attempt row of one email is one row group: only countRecent sees them, and it is not
// constrained while a write to them is in flight, so per-email and per-row linearization agree.
const countRecent = fc.tuple(attemptEmail, fc.constantFrom(0, 1_000, 60_000)).map(([email, w]) =>
  opSpec(`attempts.countRecent(${JSON.stringify(email)}, ${w})`, (env): LinOp => {
    const opts = { windowMs: w, now: env.at(0) }
    return {
      repo: 'attempts',
      kind: 'multi-read',
      code: callCode('attempts.countRecent', [email, opts], env.nowMs),
      call: (r) => r.attempts.countRecent(email, opts),
      inputs: [opts, opts.now],
      predict: (o) => o.attempts.countRecent(email, { windowMs: w, now: env.at(0) }),
    }
  }),
)

const clear = attemptEmail.map((email) =>
  opSpec(
    `attempts.clear(${JSON.stringify(email)})`,
    (env): LinOp => ({
      repo: 'attempts',
      kind: 'write',
      code: callCode('attempts.clear', [email], env.nowMs),
      call: (r) => r.attempts.clear(email),
      inputs: [],
      predict: (o) => nothing(o.attempts.clear(email)),
    }),
  ),
)

const attemptsPurge = fc.tuple(offset(), fc.constantFrom(0, 1_000)).map(([x, w]) =>
  opSpec(`attempts.purgeExpired(at(${x}), ${w})`, (env): LinOp => {
    const now = env.at(x)
    return {
      repo: 'attempts',
      kind: 'multi-write',
      rows: ATTEMPT_EMAILS,
      code: callCode('attempts.purgeExpired', [now, w], env.nowMs),
      call: (r) => r.attempts.purgeExpired(now, w),
      inputs: [now],
      predict: (o, _a, row) => o.attempts.purgeExpired(env.at(x), w, row),
    }
  }),
)

/** Pending calls over four emails and three token hashes. */
export function pendingOps(): OpArbitrary[] {
  return [
    upsert,
    upsert,
    upsert,
    findByEmail,
    findByEmail,
    findByToken,
    deleteByEmail,
    pendingPurge,
    countUnexpired,
  ]
}

/** Blacklist and login-attempt calls over two jtis and two emails. */
export function blacklistAttemptOps(): OpArbitrary[] {
  return [
    revoke,
    revoke,
    isRevoked,
    isRevoked,
    blacklistPurge,
    recordFailure,
    recordFailure,
    countRecent,
    clear,
    attemptsPurge,
  ]
}
