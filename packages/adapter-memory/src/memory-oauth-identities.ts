/** The memory `OAuthIdentityRepo`: rows by id with both unique keys and a per-user index. */
import {
  type NewOAuthIdentity,
  type OAuthIdentity,
  OAuthIdentityAlreadyLinkedError,
  oauthIdentityWithId,
  type RawOAuthIdentityRepo,
} from '@regstack/protocols'
import { byDateThenId } from './compare.js'
import type { IdSource } from './id-source.js'

/**
 * Builds the raw repository: valid, resolved, fresh arguments assumed, rows returned as stored (the
 * guard copies them); synchronous bodies keep every operation atomic.
 */
export function memoryOAuthIdentities(newId: IdSource): RawOAuthIdentityRepo {
  const byId = new Map<string, OAuthIdentity>()
  /*
   * provider → subjectId → id, nested rather than keyed by a composite string: `findBySubject` (every
   * OAuth sign-in) then hashes the caller's strings as they are instead of building a key per call.
   */
  const idBySubject = new Map<string, Map<string, string>>()
  const subjectIdOf = (provider: string, subjectId: string): string | undefined =>
    idBySubject.get(provider)?.get(subjectId)
  /*
   * Each user's identity ids in listing order, (linkedAt, id) ascending. Neither key changes after
   * `create`, so the order set at insert stays valid and `listForUser` (read on every account page)
   * does not sort. A user has a handful of identities, so the insert scan and removal are trivial,
   * and this list also answers "which identity has this user for this provider" (the second unique
   * key) by a scan, where a map keyed by `userId + provider` built a composite string on every call.
   */
  const idsByUser = new Map<string, string[]>()
  const idOfUserProvider = (userId: string, provider: string): string | undefined => {
    const ids = idsByUser.get(userId)
    if (ids === undefined) return undefined
    for (const id of ids) if (byId.get(id)?.provider === provider) return id
    return undefined
  }

  /** True when the stored identity `id` lists after `row`. */
  const after = (id: string | undefined, row: OAuthIdentity): boolean => {
    const listed = id === undefined ? undefined : byId.get(id)
    return listed !== undefined && byDateThenId(listed.linkedAt, listed.id, row.linkedAt, row.id) > 0
  }

  const remove = (row: OAuthIdentity): void => {
    byId.delete(row.id)
    const subjects = idBySubject.get(row.provider)
    subjects?.delete(row.subjectId)
    if (subjects?.size === 0) idBySubject.delete(row.provider)
    const ids = idsByUser.get(row.userId)
    const at = ids?.indexOf(row.id) ?? -1
    if (at !== -1) ids?.splice(at, 1)
    if (ids?.length === 0) idsByUser.delete(row.userId)
  }

  return {
    async create(identity: NewOAuthIdentity): Promise<OAuthIdentity> {
      if (
        subjectIdOf(identity.provider, identity.subjectId) !== undefined ||
        idOfUserProvider(identity.userId, identity.provider) !== undefined
      ) {
        throw new OAuthIdentityAlreadyLinkedError(identity.provider, identity.subjectId)
      }
      const row = oauthIdentityWithId(newId(), identity)
      byId.set(row.id, row)
      let subjects = idBySubject.get(row.provider)
      if (subjects === undefined) {
        subjects = new Map()
        idBySubject.set(row.provider, subjects)
      }
      subjects.set(row.subjectId, row.id)
      let ids = idsByUser.get(row.userId)
      if (ids === undefined) {
        ids = []
        idsByUser.set(row.userId, ids)
      }
      // Before the first listed identity that sorts after the new one.
      let at = 0
      while (at < ids.length && !after(ids[at], row)) at += 1
      ids.splice(at, 0, row.id)
      return row
    },
    async findBySubject(opts: {
      readonly provider: string
      readonly subjectId: string
    }): Promise<OAuthIdentity | null> {
      const id = subjectIdOf(opts.provider, opts.subjectId)
      return (id === undefined ? undefined : byId.get(id)) ?? null
    },
    async listForUser(userId: string): Promise<OAuthIdentity[]> {
      const rows: OAuthIdentity[] = []
      for (const id of idsByUser.get(userId) ?? []) {
        const row = byId.get(id)
        if (row !== undefined) rows.push(row)
      }
      return rows
    },
    async delete(opts: { readonly userId: string; readonly provider: string }): Promise<boolean> {
      const id = idOfUserProvider(opts.userId, opts.provider)
      const row = id === undefined ? undefined : byId.get(id)
      if (row === undefined) return false
      remove(row)
      return true
    },
    async deleteByUserId(userId: string): Promise<number> {
      const rows = [...(idsByUser.get(userId) ?? [])].map((id) => byId.get(id))
      let n = 0
      for (const row of rows) {
        if (row === undefined) continue
        remove(row)
        n += 1
      }
      return n
    },
    async touchLastUsed(opts: {
      readonly provider: string
      readonly subjectId: string
      readonly when: Date
    }): Promise<void> {
      const id = subjectIdOf(opts.provider, opts.subjectId)
      const row = id === undefined ? undefined : byId.get(id)
      if (row !== undefined) byId.set(row.id, { ...row, lastUsedAt: opts.when })
    },
  }
}
