/** Raw `MfaCodeRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import {
  type MfaCode,
  type MfaKind,
  type MfaVerifyResult,
  mfaCodeMatches,
  type NewMfaCode,
  type RawMfaCodeRepo,
} from '@regstack/protocols'
import { decodeMfaCode, encodeDate } from './knex-codec.js'
import { newId } from './new-id.js'
import { asRows, type RepoContext } from './repo-context.js'

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

  const find = async (userId: string, kind: MfaKind): Promise<MfaCode | null> => {
    const rows = asRows(await ctx.run(async () => await codes().where({ user_id: userId, kind }).limit(1)))
    return rows[0] === undefined ? null : decodeMfaCode(rows[0])
  }

  /** The row exactly as it was read. */
  const asRead = (code: MfaCode) =>
    codes().where({
      id: code.id,
      code_hash: code.codeHash,
      expires_at: encodeDate(code.expiresAt),
      attempts: code.attempts,
      max_attempts: code.maxAttempts,
      created_at: encodeDate(code.createdAt),
    })

  const deleteAsRead = async (code: MfaCode): Promise<boolean> =>
    (await ctx.run(async () => await asRead(code).del())) === 1

  return {
    async put(code: NewMfaCode): Promise<void> {
      const row = {
        id: newId(),
        user_id: code.userId,
        kind: code.kind,
        code_hash: code.codeHash,
        expires_at: encodeDate(code.expiresAt),
        attempts: code.attempts,
        max_attempts: code.maxAttempts,
        created_at: encodeDate(code.createdAt),
      }
      // On MariaDB ON DUPLICATE KEY UPDATE fires for any unique key, but the only other one is the
      // primary key, and the id is fresh: a conflict can only be on user_kind_unique.
      await ctx.run(async () => {
        const insert = codes().insert(row)
        if (ctx.dialect.upsert === 'on-conflict')
          await insert.onConflict(['user_id', 'kind']).merge([...REPLACED])
        else await insert.onConflict().merge([...REPLACED])
      })
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
        const updated = await ctx.run(async () => await asRead(code).update({ attempts: code.attempts + 1 }))
        if (updated === 1) return result('wrong', remaining)
      }
    },
    async delete(opts: { readonly userId: string; readonly kind?: MfaKind }): Promise<void> {
      const q = codes().where('user_id', opts.userId)
      if (opts.kind !== undefined) q.where('kind', opts.kind)
      await ctx.run(async () => await q.del())
    },
    async find(opts: { readonly userId: string; readonly kind: MfaKind }): Promise<MfaCode | null> {
      return await find(opts.userId, opts.kind)
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = encodeDate(now)
      return await ctx.run(async () => await codes().where('expires_at', '<', cutoff).del())
    },
  }
}
