/** What one benchmarked repository operation is: how to set it up, call it, and do the same by hand. */
import type { FrozenClock, NewUser, Repos } from '@regstack/protocols'
import { newHexId } from '@regstack/protocols'
import type { PeerName, PeerRepos } from './peers/peer-repos.js'
import type { RawDb } from './raw-driver.js'

/** What `prepare` may use. Fixtures are created through `repos`, so they are valid by construction. */
export interface OpFixture {
  readonly repos: Repos
  readonly clock: FrozenClock
  /** Calls each side (adapter, raw) must be able to make. */
  readonly n: number
  /** Unique per prepare call, so passes and sides never collide on unique keys. */
  readonly tag: string
  readonly raw?: RawDb
  /** Physical table name (SQL engines). */
  readonly table?: (name: string) => string
  /** Other query libraries on the same tables, for the hot-path operations. */
  readonly peers?: Partial<Record<PeerName, PeerRepos>>
}

/** One prepared operation: the adapter call and, on SQL engines, the same statements on the bare driver. */
export interface PreparedOp {
  call(i: number): Promise<unknown>
  raw?: (i: number) => Promise<unknown>
  /** The same operation written with other query libraries (hot paths only). */
  peers?: Partial<Record<PeerName, (i: number) => Promise<unknown>>>
}

export interface OpSpec {
  /** `repo.method` plus a qualifier where the path matters: `mfaCodes.verify(wrong)`. */
  readonly id: string
  /** Minimum round trips per call on SQL engines, as packages/adapter-knex/README.md documents it. */
  readonly documentedRoundTrips: number
  /**
   * A read that returns a list of rows. The bench calls it once more, untimed (so it must not
   * consume a per-call fixture), and records how many rows and fresh `Date`s one result holds;
   * issue 17's lookup limit then applies per row returned (see `memoryLimit`).
   */
  readonly listsRows?: true
  prepare(fx: OpFixture): Promise<PreparedOp>
}

/**
 * Every call's argument built before timing starts, one per fixture index, as a request would hand it
 * over: the timed call then prices the operation, not the fixture assembling its input. Assembling a
 * pending registration (template strings, padding, `Date`s) costs about 0.5 µs, five `Map` gets. The
 * in-process floor looks up a prebuilt key too; on SQL engines both sides used to build theirs inside
 * the call, so this removes a cost they shared.
 */
export function prebuilt<T>(fx: OpFixture, make: (i: number) => T): (i: number) => T {
  const all = Array.from({ length: fx.n }, (_, i) => asReceived(make(i)))
  return (i) => all[i] as T
}

/**
 * `value` with its strings (and its own fields' strings) as flat copies. Template literals and
 * `padEnd` build ropes that V8 flattens, a copy, the first time anything reads them. A string parsed
 * from a request body or decoded by a driver arrives flat; left as ropes, the first read of each
 * (the adapter's validation) paid that copy inside the timing: 30 % of a memory `pending.upsert`.
 */
function asReceived<T>(value: T): T {
  if (typeof value === 'string') return flat(value) as T
  if (typeof value !== 'object' || value === null || value instanceof Date) return value
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const [key, field] of Object.entries(copy)) if (typeof field === 'string') copy[key] = flat(field)
  return copy as T
}

/** A flat copy of `s` (JSON keeps every UTF-16 unit, lone surrogates included). */
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string

/** Physical table names; on engines without SQL the raw statements are built but never run. */
export function tableOf(fx: OpFixture): (name: string) => string {
  return fx.table ?? ((name) => name)
}

/** A fresh 32-hex id made as the knex adapter makes its own, so the raw floor pays the same for it. */
export function hexId(): string {
  return newHexId()
}

/** A plausible user; `email` is the only unique field. */
export function newUser(email: string, clock: FrozenClock): NewUser {
  const now = clock.now()
  return {
    email,
    hashedPassword: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
    isActive: true,
    isVerified: false,
    isSuperuser: false,
    fullName: 'Bench User',
    phoneNumber: null,
    isMfaEnabled: false,
    createdAt: now,
    updatedAt: now,
    lastLogin: null,
    tokensInvalidatedAfter: null,
  }
}

/** The columns of a users row as the knex adapter stores them (booleans are converted per driver). */
export function userRow(id: string, user: NewUser): unknown[] {
  return [
    id,
    user.email,
    user.hashedPassword,
    user.isActive,
    user.isVerified,
    user.isSuperuser,
    user.fullName,
    user.phoneNumber,
    user.isMfaEnabled,
    user.createdAt.getTime(),
    user.updatedAt.getTime(),
    null,
    null,
  ]
}

export const USER_COLUMNS =
  'id, email, hashed_password, is_active, is_verified, is_superuser, full_name, phone_number, ' +
  'is_mfa_enabled, created_at, updated_at, last_login, tokens_invalidated_after'

/** `make(peer)` for every peer library the fixture has: the `peers` of a prepared hot-path op. */
export function peerCalls(
  fx: OpFixture,
  make: (peer: PeerRepos, name: PeerName) => (i: number) => Promise<unknown>,
): Partial<Record<PeerName, (i: number) => Promise<unknown>>> {
  const calls: Partial<Record<PeerName, (i: number) => Promise<unknown>>> = {}
  for (const [name, peer] of Object.entries(fx.peers ?? {}) as Array<[PeerName, PeerRepos]>)
    calls[name] = make(peer, name)
  return calls
}
