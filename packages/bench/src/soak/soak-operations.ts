/**
 * The soak's operation mix. Keys come from small pools so callers collide on purpose: the same email
 * created twice, the same state consumed by several callers, the same MFA code guessed in parallel.
 * Each operation records what it observed in the ledger; only the typed rejections it lists are expected.
 */
import { createHash } from 'node:crypto'
import {
  type FrozenClock,
  makeNewMfaCode,
  makeNewOAuthState,
  makeNewUser,
  type Repos,
} from '@regstack/protocols'
import type { SoakLedger } from './soak-ledger.js'

/** Distinct emails users are created with (collisions give USER_ALREADY_EXISTS, by design). */
export const USER_EMAILS = 400
/** Distinct emails login failures are recorded against. */
export const LOCKOUT_EMAILS = 64
/** maxAttempts of every issued MFA code: small, so codes lock often. */
export const MAX_ATTEMPTS = 3
/** Lookback for the final `countRecent`: the frozen clock never moves, so one day covers the run. */
export const DAY_MS = 86_400_000

const RAW_CODE = '424242'
const digest = (raw: string): string => createHash('sha256').update(raw, 'utf8').digest('hex')
const CODE_HASH = digest(RAW_CODE)

/** Deterministic PRNG (mulberry32): a soak run is replayable from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** What one operation needs. */
export interface OpContext {
  readonly repos: Repos
  readonly clock: FrozenClock
  readonly ledger: SoakLedger
  readonly random: () => number
  /** A run-unique sequence number (state ids, MFA user ids). */
  next(): number
}

type Op = (ctx: OpContext) => Promise<void>

const pick = <T>(items: readonly T[], random: () => number): T | undefined =>
  items[Math.floor(random() * items.length)]
const userEmail = (random: () => number): string => `user-${Math.floor(random() * USER_EMAILS)}@soak.io`
const lockoutEmail = (random: () => number): string => `lock-${Math.floor(random() * LOCKOUT_EMAILS)}@soak.io`

/** Runs `call`; a rejection goes to the ledger (expected when its code is in `allowed`). */
async function attempt(
  ctx: OpContext,
  op: string,
  allowed: readonly string[],
  call: () => Promise<void>,
): Promise<void> {
  try {
    await call()
  } catch (error) {
    ctx.ledger.rejected(op, error, allowed)
  }
}

const createUser: Op = (ctx) =>
  attempt(ctx, 'users.create', ['USER_ALREADY_EXISTS'], async () => {
    const email = userEmail(ctx.random)
    const user = await ctx.repos.users.create(makeNewUser({ email, hashedPassword: 'h0' }, ctx.clock))
    ctx.ledger.createdUsers.push(user.id)
  })

const randomUserId = (ctx: OpContext): string | undefined => pick(ctx.ledger.createdUsers, ctx.random)

const updateEmail: Op = (ctx) =>
  attempt(ctx, 'users.updateEmail', ['USER_ALREADY_EXISTS'], async () => {
    const id = randomUserId(ctx)
    if (id !== undefined) await ctx.repos.users.updateEmail(id, userEmail(ctx.random))
  })

const updatePassword: Op = (ctx) =>
  attempt(ctx, 'users.updatePassword', [], async () => {
    const id = randomUserId(ctx)
    if (id !== undefined) await ctx.repos.users.updatePassword(id, `h${ctx.next()}`)
  })

const getByEmail: Op = (ctx) =>
  attempt(ctx, 'users.getByEmail', [], async () => {
    await ctx.repos.users.getByEmail(userEmail(ctx.random))
  })

const recordFailure: Op = (ctx) =>
  attempt(ctx, 'attempts.recordFailure', [], async () => {
    const email = lockoutEmail(ctx.random)
    await ctx.repos.attempts.recordFailure(email)
    ctx.ledger.countFailure(email)
  })

const countRecent: Op = (ctx) =>
  attempt(ctx, 'attempts.countRecent', [], async () => {
    await ctx.repos.attempts.countRecent(lockoutEmail(ctx.random), { windowMs: DAY_MS, now: ctx.clock.now() })
  })

const createState: Op = (ctx) =>
  attempt(ctx, 'oauthStates.create', [], async () => {
    const id = `state-${ctx.next()}`
    const expiresAt = new Date(ctx.clock.now().getTime() + DAY_MS)
    await ctx.repos.oauthStates.create(
      makeNewOAuthState(
        { id, provider: 'github', codeVerifier: 'v', nonce: 'n', redirectTo: '/', mode: 'signin', expiresAt },
        ctx.clock,
      ),
    )
    ctx.ledger.statesCreated.push(id)
  })

/** Consumes one of the most recent states, so several callers often race for the same one. */
const consumeState: Op = (ctx) =>
  attempt(ctx, 'oauthStates.consume', [], async () => {
    const recent = ctx.ledger.statesCreated.slice(-8)
    const id = pick(recent, ctx.random)
    if (id === undefined) return
    const row = await ctx.repos.oauthStates.consume(id)
    if (row !== null) ctx.ledger.handedOut(row.id)
  })

const issueCode: Op = (ctx) =>
  attempt(ctx, 'mfaCodes.put', [], async () => {
    const userId = `mfa-${ctx.next()}`
    const expiresAt = new Date(ctx.clock.now().getTime() + DAY_MS)
    await ctx.repos.mfaCodes.put(
      makeNewMfaCode(
        { userId, kind: 'login_mfa', codeHash: CODE_HASH, expiresAt, maxAttempts: MAX_ATTEMPTS },
        ctx.clock,
      ),
    )
    ctx.ledger.codes.push({ userId, raw: RAW_CODE, maxAttempts: MAX_ATTEMPTS, answers: [] })
  })

/** Guesses one of the most recent codes, wrong four times out of five. */
const verifyCode: Op = (ctx) =>
  attempt(ctx, 'mfaCodes.verify', [], async () => {
    const code = pick(ctx.ledger.codes.slice(-6), ctx.random)
    if (code === undefined) return
    const rawCode = ctx.random() < 0.2 ? code.raw : 'wrong-guess'
    code.answers.push(await ctx.repos.mfaCodes.verify({ userId: code.userId, kind: 'login_mfa', rawCode }))
  })

const revoke: Op = (ctx) =>
  attempt(ctx, 'blacklist.revoke', [], async () => {
    await ctx.repos.blacklist.revoke(
      `jti-${Math.floor(ctx.random() * 1000)}`,
      new Date(ctx.clock.now().getTime() + DAY_MS),
    )
  })

const isRevoked: Op = (ctx) =>
  attempt(ctx, 'blacklist.isRevoked', [], async () => {
    await ctx.repos.blacklist.isRevoked(`jti-${Math.floor(ctx.random() * 1000)}`)
  })

/** The mix, as weights out of 100. */
const MIX: readonly [number, Op][] = [
  [10, createUser],
  [6, updateEmail],
  [6, updatePassword],
  [10, getByEmail],
  [12, recordFailure],
  [6, countRecent],
  [10, createState],
  [12, consumeState],
  [3, issueCode],
  [17, verifyCode],
  [4, revoke],
  [4, isRevoked],
]

/** One operation drawn from the mix. */
export function drawOp(random: () => number): Op {
  let r = random() * 100
  for (const [weight, op] of MIX) {
    if (r < weight) return op
    r -= weight
  }
  return getByEmail
}
