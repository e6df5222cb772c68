/** The `UserRepo` guard: validation, unmatchable-id short-circuits and fresh copies (CONTRACT §0.6). */
import { FIELD_LIMITS, MODEL_DEFAULTS } from '../limits.js'
import type { User } from '../models.js'
import type { RawUserRepo, ResolvedListPagedOptions, ResolvedUserCountFilter } from '../raw-repos.js'
import type { UserRepo } from '../repos.js'
import { validateNewUser } from '../validate/new-models.js'
import { hasOwn, ownField, requireOptionalOptions, requireOptions } from '../validate/objects.js'
import {
  requireBoolean,
  requireDate,
  requireOptionalBoolean,
  requireOptionalSafeInteger,
} from '../validate/scalars.js'
import { isMatchable, requireKeyString, requireNullableString, requireString } from '../validate/strings.js'
import { copyOrNull } from './copy-models.js'
import { type GuardContext, passOn } from './guard-options.js'

/**
 * Wraps `inner` so it only ever sees validated, fully resolved arguments. Every argument is checked
 * before an unmatchable user id turns the call into its "nothing" answer, so a bad value is always
 * reported even when the id could never match.
 */
export function guardUsers(inner: RawUserRepo, ctx: GuardContext): UserRepo {
  const userId = (value: unknown): string => requireKeyString(value, 'userId')
  const flag = (opts: unknown, key: string): boolean =>
    requireBoolean(ownField(requireOptions(opts, 'opts'), key), key)
  const userOrNull = (u: User | null): User | null => copyOrNull(u, ctx.copy.user)

  return {
    create(user: unknown): Promise<User> {
      return ctx.handOn(() => inner.create(validateNewUser(user)), ctx.copy.user)
    },
    getByEmail(email: unknown): Promise<User | null> {
      return ctx.handOn(() => {
        const e = requireKeyString(email, 'email')
        return isMatchable(e, FIELD_LIMITS.email) ? inner.getByEmail(e) : null
      }, userOrNull)
    },
    getById(id: unknown): Promise<User | null> {
      return ctx.handOn(() => {
        const u = userId(id)
        return ctx.isUserIdMatchable(u) ? inner.getById(u) : null
      }, userOrNull)
    },
    async setLastLogin(id: unknown, when: unknown): Promise<void> {
      const u = userId(id)
      const w = requireDate(when, 'when')
      if (ctx.isUserIdMatchable(u)) await inner.setLastLogin(u, w)
    },
    async setTokensInvalidatedAfter(id: unknown, when: unknown): Promise<void> {
      const u = userId(id)
      const w = requireDate(when, 'when')
      if (ctx.isUserIdMatchable(u)) await inner.setTokensInvalidatedAfter(u, w)
    },
    async updatePassword(id: unknown, hashedPassword: unknown): Promise<void> {
      const u = userId(id)
      const h = requireString(hashedPassword, 'hashedPassword', FIELD_LIMITS.hashedPassword)
      if (ctx.isUserIdMatchable(u)) await inner.updatePassword(u, h)
    },
    async setActive(id: unknown, opts: unknown): Promise<void> {
      const u = userId(id)
      const isActive = flag(opts, 'isActive')
      if (ctx.isUserIdMatchable(u)) await inner.setActive(u, { isActive })
    },
    async setSuperuser(id: unknown, opts: unknown): Promise<void> {
      const u = userId(id)
      const isSuperuser = flag(opts, 'isSuperuser')
      if (ctx.isUserIdMatchable(u)) await inner.setSuperuser(u, { isSuperuser })
    },
    async setFullName(id: unknown, fullName: unknown): Promise<void> {
      const u = userId(id)
      const f = requireNullableString(fullName, 'fullName', FIELD_LIMITS.fullName)
      if (ctx.isUserIdMatchable(u)) await inner.setFullName(u, f)
    },
    async setPhone(id: unknown, phoneNumber: unknown): Promise<void> {
      const u = userId(id)
      const p = requireNullableString(phoneNumber, 'phoneNumber', FIELD_LIMITS.phoneNumber)
      if (ctx.isUserIdMatchable(u)) await inner.setPhone(u, p)
    },
    async setMfaEnabled(id: unknown, opts: unknown): Promise<void> {
      const u = userId(id)
      const isMfaEnabled = flag(opts, 'isMfaEnabled')
      if (ctx.isUserIdMatchable(u)) await inner.setMfaEnabled(u, { isMfaEnabled })
    },
    async updateEmail(id: unknown, newEmail: unknown): Promise<void> {
      const u = userId(id)
      const e = requireString(newEmail, 'newEmail', FIELD_LIMITS.email)
      // Unknown id is a no-op even when the email is taken (§0.15), so no uniqueness check here.
      if (ctx.isUserIdMatchable(u)) await inner.updateEmail(u, e)
    },
    async delete(id: unknown): Promise<boolean> {
      const u = userId(id)
      if (!ctx.isUserIdMatchable(u)) return false
      return await inner.delete(u)
    },
    count(filter: unknown): Promise<number> {
      return passOn(() => inner.count(resolveCountFilter(filter)))
    },
    async listPaged(opts: unknown): Promise<User[]> {
      return (await inner.listPaged(resolveListPaged(opts))).map(ctx.copy.user)
    },
  }
}

/** A filter holding only the flags that were given (`null`/`undefined` flags are dropped). */
function resolveCountFilter(filter: unknown): ResolvedUserCountFilter {
  const f = requireOptionalOptions(filter, 'filter')
  const resolved: { isActive?: boolean; isVerified?: boolean; isSuperuser?: boolean } = {}
  const isActive = requireOptionalBoolean(hasOwn(f, 'isActive') ? f.isActive : undefined, 'isActive')
  const isVerified = requireOptionalBoolean(hasOwn(f, 'isVerified') ? f.isVerified : undefined, 'isVerified')
  const isSuperuser = requireOptionalBoolean(
    hasOwn(f, 'isSuperuser') ? f.isSuperuser : undefined,
    'isSuperuser',
  )
  if (isActive !== undefined) resolved.isActive = isActive
  if (isVerified !== undefined) resolved.isVerified = isVerified
  if (isSuperuser !== undefined) resolved.isSuperuser = isSuperuser
  return resolved
}

/** Explicit `skip`, `limit` and `sortByCreatedAtDesc`, defaults 0 / 50 / true. */
function resolveListPaged(opts: unknown): ResolvedListPagedOptions {
  const o = requireOptionalOptions(opts, 'opts')
  return {
    skip: requireOptionalSafeInteger(hasOwn(o, 'skip') ? o.skip : undefined, 'skip', 0) ?? 0,
    limit:
      requireOptionalSafeInteger(hasOwn(o, 'limit') ? o.limit : undefined, 'limit', 1) ??
      MODEL_DEFAULTS.listPagedLimit,
    sortByCreatedAtDesc:
      requireOptionalBoolean(
        hasOwn(o, 'sortByCreatedAtDesc') ? o.sortByCreatedAtDesc : undefined,
        'sortByCreatedAtDesc',
      ) ?? true,
  }
}
