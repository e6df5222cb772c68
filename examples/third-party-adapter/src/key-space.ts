/**
 * Key names. Everything lives under the caller's `keyPrefix`, in three disjoint families, so a value
 * chosen by a user (an email, a state id) can never spell another family's key:
 *
 * - `<prefix>row:<model>:<id>` — one hash per row;
 * - `<prefix>ix:<name>` — one hash or sorted set per index (unique lookups, expiry, ordering);
 * - `<prefix>set:<name>:<owner>` — one sorted set per owner (a user's identities, an email's attempts).
 *
 * Scripts that touch rows found through an index build those row keys themselves from the prefix,
 * so this adapter is for a single Redis node (or a cluster with the whole prefix in one hash tag).
 */

import { randomUUID } from 'node:crypto'

/** The fixed keys of one store, and builders for the per-row ones. */
export interface KeySpace {
  readonly prefix: string
  readonly userByEmail: string
  readonly usersByCreated: string
  readonly pendingByEmail: string
  readonly pendingByToken: string
  readonly pendingByExpiry: string
  readonly revokedExp: string
  readonly revokedByExp: string
  readonly attemptsByWhen: string
  readonly attemptEmail: string
  readonly attemptIp: string
  readonly mfaByExpiry: string
  readonly identityBySubject: string
  readonly identityByUserProvider: string
  readonly statesByExpiry: string
  row(model: RowModel, id: string): string
  identitiesOf(userId: string): string
  attemptsOf(email: string): string
}

/** Models stored as one hash per row. */
export type RowModel = 'user' | 'pending' | 'mfa' | 'identity' | 'state'

/** The key space under `prefix`. */
export function keySpace(prefix: string): KeySpace {
  const ix = (name: string): string => `${prefix}ix:${name}`
  return {
    prefix,
    userByEmail: ix('user-by-email'),
    usersByCreated: ix('users-by-created'),
    pendingByEmail: ix('pending-by-email'),
    pendingByToken: ix('pending-by-token'),
    pendingByExpiry: ix('pending-by-expiry'),
    revokedExp: ix('revoked-exp'),
    revokedByExp: ix('revoked-by-exp'),
    attemptsByWhen: ix('attempts-by-when'),
    attemptEmail: ix('attempt-email'),
    attemptIp: ix('attempt-ip'),
    mfaByExpiry: ix('mfa-by-expiry'),
    identityBySubject: ix('identity-by-subject'),
    identityByUserProvider: ix('identity-by-user-provider'),
    statesByExpiry: ix('states-by-expiry'),
    row: (model, id) => `${prefix}row:${model}:${id}`,
    identitiesOf: (userId) => `${prefix}set:identities:${userId}`,
    attemptsOf: (email) => `${prefix}set:attempts:${email}`,
  }
}

/** A new row id: 32 lower-case hex digits, ASCII so Redis's byte order equals JavaScript's string order. */
export function newRowId(): string {
  return randomUUID().replaceAll('-', '')
}
