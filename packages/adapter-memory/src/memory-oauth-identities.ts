/** The memory `OAuthIdentityRepo`: rows by id with both unique keys and a per-user index. */
import {
  copyOAuthIdentity,
  type NewOAuthIdentity,
  type OAuthIdentity,
  OAuthIdentityAlreadyLinkedError,
  oauthIdentityWithId,
  type RawOAuthIdentityRepo,
} from '@regstack/protocols'
import { byDateThenId } from './compare.js'
import type { IdSource } from './id-source.js'

/**
 * Builds the raw repository: valid, resolved, fresh arguments assumed; every returned row is copied
 * for its call (`guardRepos` runs with `resultsAreFresh`), and synchronous bodies keep every
 * operation atomic.
 */
export function memoryOAuthIdentities(newId: IdSource): RawOAuthIdentityRepo {
  /*
   * provider → subjectId → row, nested rather than keyed by a composite string: `findBySubject` (every
   * OAuth sign-in) then hashes the caller's strings as they are instead of building a key per call.
   * Nothing is looked up by an identity's own id, so rows live in these two indexes only: a create
   * pays two inserts, not three.
   */
  const bySubject = new Map<string, Map<string, OAuthIdentity>>()
  /*
   * Each user's rows in listing order, (linkedAt, id) ascending. Neither key changes after `create`,
   * so the order set at insert stays valid and `listForUser` (read on every account page) does not
   * sort. A user has a handful of identities, so the insert scan and removal are trivial, and this
   * list also answers "which identity has this user for this provider" (the second unique key) by a
   * scan, where a map keyed by `userId + provider` built a composite string on every call.
   */
  const byUser = new Map<string, OAuthIdentity[]>()
  const rowOfSubject = (provider: string, subjectId: string): OAuthIdentity | undefined =>
    bySubject.get(provider)?.get(subjectId)
  const rowOfUserProvider = (userId: string, provider: string): OAuthIdentity | undefined => {
    for (const row of byUser.get(userId) ?? []) if (row.provider === provider) return row
    return undefined
  }

  const remove = (row: OAuthIdentity): void => {
    const subjects = bySubject.get(row.provider)
    subjects?.delete(row.subjectId)
    if (subjects?.size === 0) bySubject.delete(row.provider)
    const rows = byUser.get(row.userId)
    const at = rows?.indexOf(row) ?? -1
    if (at !== -1) rows?.splice(at, 1)
    if (rows?.length === 0) byUser.delete(row.userId)
  }

  /** Rows are replaced, never changed in place, so a row's position in `byUser` is found by identity. */
  const replace = (row: OAuthIdentity, next: OAuthIdentity): void => {
    bySubject.get(row.provider)?.set(row.subjectId, next)
    const rows = byUser.get(row.userId)
    const at = rows?.indexOf(row) ?? -1
    if (rows !== undefined && at !== -1) rows[at] = next
  }

  return {
    async create(identity: NewOAuthIdentity): Promise<OAuthIdentity> {
      if (
        rowOfSubject(identity.provider, identity.subjectId) !== undefined ||
        rowOfUserProvider(identity.userId, identity.provider) !== undefined
      ) {
        throw new OAuthIdentityAlreadyLinkedError(identity.provider, identity.subjectId)
      }
      const row = oauthIdentityWithId(newId(), identity)
      let subjects = bySubject.get(row.provider)
      if (subjects === undefined) {
        subjects = new Map()
        bySubject.set(row.provider, subjects)
      }
      subjects.set(row.subjectId, row)
      let rows = byUser.get(row.userId)
      if (rows === undefined) {
        rows = []
        byUser.set(row.userId, rows)
      }
      // Before the first listed identity that sorts after the new one.
      let at = 0
      while (at < rows.length && !listsAfter(rows[at], row)) at += 1
      rows.splice(at, 0, row)
      return copyOAuthIdentity(row)
    },
    async findBySubject(opts: {
      readonly provider: string
      readonly subjectId: string
    }): Promise<OAuthIdentity | null> {
      const row = rowOfSubject(opts.provider, opts.subjectId)
      return row === undefined ? null : copyOAuthIdentity(row)
    },
    async listForUser(userId: string): Promise<OAuthIdentity[]> {
      return byUser.get(userId)?.map(copyOAuthIdentity) ?? []
    },
    async delete(opts: { readonly userId: string; readonly provider: string }): Promise<boolean> {
      const row = rowOfUserProvider(opts.userId, opts.provider)
      if (row === undefined) return false
      remove(row)
      return true
    },
    async deleteByUserId(userId: string): Promise<number> {
      const rows = byUser.get(userId)?.slice() ?? []
      for (const row of rows) remove(row)
      return rows.length
    },
    async touchLastUsed(opts: {
      readonly provider: string
      readonly subjectId: string
      readonly when: Date
    }): Promise<void> {
      const row = rowOfSubject(opts.provider, opts.subjectId)
      if (row === undefined) return
      replace(row, {
        id: row.id,
        userId: row.userId,
        provider: row.provider,
        subjectId: row.subjectId,
        email: row.email,
        linkedAt: row.linkedAt,
        lastUsedAt: opts.when,
      })
    },
  }
}

/** True when `listed` sorts after `row` in a user's listing, (linkedAt, id) ascending. */
function listsAfter(listed: OAuthIdentity | undefined, row: OAuthIdentity): boolean {
  return listed !== undefined && byDateThenId(listed.linkedAt, listed.id, row.linkedAt, row.id) > 0
}
