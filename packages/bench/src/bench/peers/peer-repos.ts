/**
 * The hot-path operations as a stranger would write them with another query library, on the adapter's
 * own tables: what `pnpm bench` times next to the adapter and the raw driver. Same models out, same
 * statements (and round trips) as the adapter, no validation layer.
 */
import type { MfaKind, MfaVerifyResult, OAuthIdentity, OAuthState, User } from '@regstack/protocols'

/** The libraries compared. */
export type PeerName = 'drizzle' | 'kysely'

/** The subset of the regstack repositories on every authenticated request or login. */
export interface PeerRepos {
  getUserById(id: string): Promise<User | null>
  getUserByEmail(email: string): Promise<User | null>
  isRevoked(jti: string): Promise<boolean>
  countRecentFailures(email: string, windowMs: number, now: Date): Promise<number>
  recordFailure(email: string, ip: string | null, when: Date): Promise<void>
  consumeState(id: string): Promise<OAuthState | null>
  /** Read, compare, then a compare-and-set write on the row as read (the adapter's two round trips). */
  verifyMfa(userId: string, kind: MfaKind, rawCode: string, now: Date): Promise<MfaVerifyResult>
  findIdentityBySubject(provider: string, subjectId: string): Promise<OAuthIdentity | null>
}

/** A peer library connected to one engine, with its own pool (the same size as the adapter's). */
export interface Peer {
  readonly name: PeerName
  /** Library and version, for the report. */
  readonly label: string
  /** The repositories on the tables under `tablePrefix`. */
  repos(tablePrefix: string): PeerRepos
  close(): Promise<void>
}
