/** The memory `OAuthIdentityRepo`: identity records under both unique keys. */
import {
  type NewOAuthIdentity,
  type OAuthIdentity,
  OAuthIdentityAlreadyLinkedError,
  oauthIdentityWithId,
  type RawOAuthIdentityRepo,
} from '@regstack/protocols'
import { compareIds } from './compare.js'
import type { IdSource } from './id-source.js'
import { type IdentityRecord, identityOf, identityRecord } from './records.js'

/** True when `listed` sorts after `r` in a user's listing, (linkedAt, id) ascending. */
const listsAfter = (listed: IdentityRecord, r: IdentityRecord): boolean =>
  (listed.linkedAtMs - r.linkedAtMs || compareIds(listed.id, r.id)) > 0

/**
 * Builds the raw repository: valid, resolved, fresh arguments assumed. Every result is built for its
 * call from a record (see records.ts), so `guardRepos` runs with `resultsAreFresh`; synchronous bodies
 * keep every operation atomic.
 */
export function memoryOAuthIdentities(newId: IdSource): RawOAuthIdentityRepo {
  /*
   * provider → subjectId → record, nested rather than keyed by a composite string: `findBySubject`
   * (every OAuth sign-in) then hashes the caller's strings as they are instead of building a key per
   * call. Nothing is looked up by an identity's own id, so records live in these two indexes only: a
   * create pays two inserts, not three.
   */
  const bySubject = new Map<string, Map<string, IdentityRecord>>()
  /*
   * Each user's records in listing order, (linkedAt, id) ascending. Neither key changes after
   * `create`, so the order set at insert stays valid and `listForUser` (read on every account page)
   * does not sort. A user has a handful of identities, so the insert scan and removal are trivial,
   * and this list also answers "which identity has this user for this provider" (the second unique
   * key) by a scan, where a map keyed by `userId + provider` built a composite string on every call.
   */
  const byUser = new Map<string, IdentityRecord[]>()
  const recordOfSubject = (provider: string, subjectId: string): IdentityRecord | undefined =>
    bySubject.get(provider)?.get(subjectId)
  const recordOfUserProvider = (
    listed: readonly IdentityRecord[] | undefined,
    provider: string,
  ): IdentityRecord | undefined => {
    if (listed !== undefined) for (const r of listed) if (r.provider === provider) return r
    return undefined
  }

  const remove = (r: IdentityRecord): void => {
    const subjects = bySubject.get(r.provider)
    subjects?.delete(r.subjectId)
    if (subjects?.size === 0) bySubject.delete(r.provider)
    const listed = byUser.get(r.userId)
    const at = listed?.indexOf(r) ?? -1
    if (at !== -1) listed?.splice(at, 1)
    if (listed?.length === 0) byUser.delete(r.userId)
  }

  return {
    async create(identity: NewOAuthIdentity): Promise<OAuthIdentity> {
      const listed = byUser.get(identity.userId)
      if (
        recordOfSubject(identity.provider, identity.subjectId) !== undefined ||
        recordOfUserProvider(listed, identity.provider) !== undefined
      ) {
        throw new OAuthIdentityAlreadyLinkedError(identity.provider, identity.subjectId)
      }
      const r = identityRecord(newId(), identity)
      let subjects = bySubject.get(r.provider)
      if (subjects === undefined) {
        subjects = new Map()
        bySubject.set(r.provider, subjects)
      }
      subjects.set(r.subjectId, r)
      if (listed === undefined) byUser.set(r.userId, [r])
      else {
        // Before the first listed identity that sorts after the new one (usually none: append).
        let at = listed.length
        while (at > 0 && listsAfter(listed[at - 1] as IdentityRecord, r)) at -= 1
        listed.splice(at, 0, r)
      }
      // The record keeps numbers, so the validated input's fresh `Date`s can be the caller's.
      return oauthIdentityWithId(r.id, identity)
    },
    async findBySubject(opts: {
      readonly provider: string
      readonly subjectId: string
    }): Promise<OAuthIdentity | null> {
      const r = recordOfSubject(opts.provider, opts.subjectId)
      return r === undefined ? null : identityOf(r)
    },
    async listForUser(userId: string): Promise<OAuthIdentity[]> {
      return byUser.get(userId)?.map(identityOf) ?? []
    },
    async delete(opts: { readonly userId: string; readonly provider: string }): Promise<boolean> {
      const r = recordOfUserProvider(byUser.get(opts.userId), opts.provider)
      if (r === undefined) return false
      remove(r)
      return true
    },
    async deleteByUserId(userId: string): Promise<number> {
      const listed = byUser.get(userId)?.slice() ?? []
      for (const r of listed) remove(r)
      return listed.length
    },
    async touchLastUsed(opts: {
      readonly provider: string
      readonly subjectId: string
      readonly when: Date
    }): Promise<void> {
      const r = recordOfSubject(opts.provider, opts.subjectId)
      if (r !== undefined) r.lastUsedAtMs = opts.when.getTime()
    },
  }
}
