/** Raw `MfaCodeRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import {
  type MfaCode,
  type MfaKind,
  type MfaVerifyResult,
  mfaCodeMatches,
  type NewMfaCode,
  newHexId,
  type RawMfaCodeRepo,
} from '@regstack/protocols'
import { decodeMfaCode, encodeDate } from './knex-codec.js'
import { ONE_ROW, type Param, PLAN_PER_CALL, statement } from './knex-statements.js'
import type { RepoContext } from './repo-context.js'

const REPLACED = ['code_hash', 'expires_at', 'attempts', 'max_attempts', 'created_at'] as const

const result = (outcome: MfaVerifyResult['outcome'], attemptsRemaining = 0): MfaVerifyResult => ({
  outcome,
  attemptsRemaining,
})

/**
 * `put` is one upsert statement that keeps the row id (CONTRACT §0.7). `verify` reads the row, decides
 * in JavaScript (constant-time hash comparison, §0.14) and then writes with a compare-and-set whose
 * WHERE names every column as read: if a concurrent `verify` or `put` changed the row in between, the
 * write matches nothing and `verify` starts over on the new row. So each wrong guess is counted
 * exactly once, only one caller deletes a row, and no attempt is ever charged to a re-issued code.
 * Two round trips when uncontended; every retry follows another caller's successful write.
 */
export function knexMfaCodes(ctx: RepoContext): RawMfaCodeRepo {
  const codes = () => ctx.from('mfaCodes')

  // On MariaDB ON DUPLICATE KEY UPDATE fires for any unique key, but the only other one is the
  // primary key, and the id is fresh: a conflict can only be on user_kind_unique.
  const upsert = statement(($) => {
    const insert = codes().insert({
      id: $(),
      user_id: $(),
      kind: $(),
      code_hash: $(),
      expires_at: $(),
      attempts: $(),
      max_attempts: $(),
      created_at: $(),
    })
    return ctx.dialect.upsert === 'on-conflict'
      ? insert.onConflict(['user_id', 'kind']).merge([...REPLACED])
      : insert.onConflict().merge([...REPLACED])
  })
  const byUserKind = statement(($) => codes().where({ user_id: $(), kind: $() }).limit(1, ONE_ROW))
  /** The row exactly as it was read: id, code_hash, expires_at, attempts, max_attempts, created_at. */
  const asRead = ($: Param) =>
    codes().where({
      id: $(),
      code_hash: $(),
      expires_at: $(),
      attempts: $(),
      max_attempts: $(),
      created_at: $(),
    })
  const asReadValues = (code: MfaCode): unknown[] => [
    code.id,
    code.codeHash,
    encodeDate(code.expiresAt),
    code.attempts,
    code.maxAttempts,
    encodeDate(code.createdAt),
  ]
  const deleteIfAsRead = statement(($) => asRead($).del())
  // Arguments: the new count, then the row as read.
  const bumpIfAsRead = statement(($) => {
    const attempts = $()
    return asRead($).update({ attempts })
  })
  const deleteForUser = statement(($) => codes().where('user_id', $()).del())
  const deleteForUserKind = statement(($) => codes().where({ user_id: $(), kind: $() }).del())
  const deleteBefore = statement(($) => codes().where('expires_at', '<', $()).del(), PLAN_PER_CALL)

  const find = async (userId: string, kind: MfaKind): Promise<MfaCode | null> => {
    const row = await ctx.first(byUserKind, [userId, kind])
    return row === undefined ? null : decodeMfaCode(row)
  }

  const deleteAsRead = async (code: MfaCode): Promise<boolean> =>
    (await ctx.exec(deleteIfAsRead, asReadValues(code))).changed === 1

  return {
    async put(code: NewMfaCode): Promise<void> {
      await ctx.exec(upsert, [
        newHexId(),
        code.userId,
        code.kind,
        code.codeHash,
        encodeDate(code.expiresAt),
        code.attempts,
        code.maxAttempts,
        encodeDate(code.createdAt),
      ])
    },
    async verify(opts: {
      readonly userId: string
      readonly kind: MfaKind
      readonly rawCode: string
    }): Promise<MfaVerifyResult> {
      const now = ctx.clock.now().getTime()
      for (;;) {
        const code = await find(opts.userId, opts.kind)
        if (code === null) return result('missing')
        if (code.attempts >= code.maxAttempts) {
          if (await deleteAsRead(code)) return result('locked')
          continue
        }
        if (code.expiresAt.getTime() <= now) {
          if (await deleteAsRead(code)) return result('expired')
          continue
        }
        if (mfaCodeMatches(opts.rawCode, code.codeHash)) {
          if (await deleteAsRead(code)) return result('ok')
          continue
        }
        const remaining = code.maxAttempts - (code.attempts + 1)
        if (remaining <= 0) {
          if (await deleteAsRead(code)) return result('locked')
          continue
        }
        const bumped = await ctx.exec(bumpIfAsRead, [code.attempts + 1, ...asReadValues(code)])
        if (bumped.changed === 1) return result('wrong', remaining)
      }
    },
    async delete(opts: { readonly userId: string; readonly kind?: MfaKind }): Promise<void> {
      if (opts.kind === undefined) await ctx.exec(deleteForUser, [opts.userId])
      else await ctx.exec(deleteForUserKind, [opts.userId, opts.kind])
    },
    async find(opts: { readonly userId: string; readonly kind: MfaKind }): Promise<MfaCode | null> {
      return await find(opts.userId, opts.kind)
    },
    async purgeExpired(now: Date): Promise<number> {
      return (await ctx.exec(deleteBefore, [encodeDate(now)])).changed
    },
  }
}
