import type { MfaCode, MfaKind, NewMfaCode } from '@regstack/protocols'
import { mfaCodeFrom, mfaCodeParts } from '../../arbitraries/mfa-codes.js'
import { mfaKind } from '../../arbitraries/models.js'
import { nearMisses, truncateWellFormed, unicodeString } from '../../arbitraries/strings.js'
import type { Check, Store } from '../../check.js'
import { expectEqual, expectTrue } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'

const otherKind = (kind: MfaKind): MfaKind => (kind === 'login_mfa' ? 'phone_setup' : 'login_mfa')

/**
 * Reads the row for `code`'s key and checks it equals `code` plus an opaque id. Returns the row, or
 * `null` when the engine may legitimately have reaped it already (automatic expiry, §0.13).
 */
async function expectStored(store: Store, code: NewMfaCode, what: string): Promise<MfaCode | null> {
  const row = await store.repos.mfaCodes.find({ userId: code.userId, kind: code.kind })
  if (row === null && store.mayBeReaped(code.expiresAt)) return null
  expectTrue(row !== null, `${what}: find returned null for the code just put, ${describeValue(code)}`)
  expectTrue(
    typeof row.id === 'string' && row.id.length > 0 && row.id.length <= 36,
    `${what}: find returned id ${describeValue(row.id)}, expected an adapter-generated string of 1–36 characters`,
  )
  expectEqual(row, { id: row.id, ...code }, `${what}: find after put`)
  return row
}

/** A user id unique to one property case: a per-case prefix, then generated Unicode, 36 units at most. */
const userIdPart = unicodeString({ maxLength: 28 })

/** Rules of `put` and `find` (CONTRACT §3.5, §0.7, P16). Properties share one store, per-case user ids. */
export const putFindChecks: readonly Check[] = [
  {
    id: 'mfaCodes.put.find-round-trip',
    title:
      'find returns the code put for (userId, kind) field for field (attempts, maxAttempts, ms dates), with an id.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§3.5',
    run: async (ctx) => {
      const store = await ctx.open()
      let caseNo = 0
      await ctx.property([userIdPart, mfaKind(), mfaCodeParts()], async (rawUser, kind, parts) => {
        caseNo += 1
        const code = mfaCodeFrom(
          truncateWellFormed(`${caseNo}#${rawUser}`, 36),
          kind,
          parts,
          store.clock.now(),
        )
        await store.repos.mfaCodes.put(code)
        await expectStored(store, code, `put(${describeValue(code)})`)
        const other = { userId: code.userId, kind: otherKind(kind) }
        expectEqual(
          await store.repos.mfaCodes.find(other),
          null,
          `find(${describeValue(other)}), a kind never put`,
        )
      })
    },
  },
  {
    id: 'mfaCodes.put.replaces-and-keeps-id',
    title:
      'put for an existing (userId, kind) replaces the row wholesale (hash, expiry, attempts reset) and keeps its id.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§0.7',
    run: async (ctx) => {
      const store = await ctx.open()
      let caseNo = 0
      await ctx.property(
        [userIdPart, mfaKind(), mfaCodeParts(), mfaCodeParts()],
        async (rawUser, kind, a, b) => {
          caseNo += 1
          const userId = truncateWellFormed(`${caseNo}#${rawUser}`, 36)
          const now = store.clock.now()
          const first = { ...mfaCodeFrom(userId, kind, a, now), expiresAt: new Date(now.getTime() + 60_000) }
          const second = mfaCodeFrom(userId, kind, b, now)
          await store.repos.mfaCodes.put(first)
          const before = await expectStored(store, first, `put(${describeValue(first)})`)
          await store.repos.mfaCodes.put(second)
          const after = await expectStored(
            store,
            second,
            `put(${describeValue(first)}) then put(${describeValue(second)})`,
          )
          if (before !== null && after !== null) {
            expectEqual(after.id, before.id, 'id of a row replaced by put for the same (userId, kind)')
          }
        },
      )
    },
  },
  {
    id: 'mfaCodes.put.keys-independent',
    title:
      'put, verify and delete on (u, k) never touch (u, other kind) or another user with a near-miss id.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§3.5',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      let caseNo = 0
      await ctx.property(
        [
          unicodeString({ minLength: 1, maxLength: 28 }),
          mfaKind(),
          mfaCodeParts(),
          mfaCodeParts(),
          mfaCodeParts(),
        ],
        async (rawUser, kind, pa, pb, pc) => {
          caseNo += 1
          const u = truncateWellFormed(`${caseNo}#${rawUser}`, 36)
          const u2 = nearMisses(u).find((v) => v.length <= 36) ?? `${u.slice(0, 35)}~`
          const now = store.clock.now()
          const live = (code: NewMfaCode): NewMfaCode => ({
            ...code,
            expiresAt: new Date(now.getTime() + 60_000),
          })
          const target = live(mfaCodeFrom(u, kind, pa, now))
          const witnesses = [
            live(mfaCodeFrom(u, otherKind(kind), pb, now)),
            live(mfaCodeFrom(u2, kind, pc, now)),
          ]
          for (const code of [target, ...witnesses]) await mfaCodes.put(code)
          const snapshot = await Promise.all(
            witnesses.map((w) => mfaCodes.find({ userId: w.userId, kind: w.kind })),
          )
          const key = { userId: u, kind }
          const steps: [string, () => Promise<unknown>][] = [
            [
              'put (replace)',
              () => mfaCodes.put({ ...target, codeHash: 'f'.repeat(64), attempts: 0, maxAttempts: 3 }),
            ],
            ['verify (wrong code)', () => mfaCodes.verify({ ...key, rawCode: 'not the code' })],
            ['delete with kind', () => mfaCodes.delete(key)],
            ['verify (missing)', () => mfaCodes.verify({ ...key, rawCode: 'not the code' })],
          ]
          for (const [step, action] of steps) {
            await action()
            for (const [i, w] of witnesses.entries()) {
              expectEqual(
                await mfaCodes.find({ userId: w.userId, kind: w.kind }),
                snapshot[i],
                `row ${describeValue({ userId: w.userId, kind: w.kind })} after ${step} on ${describeValue(key)}`,
              )
            }
          }
        },
      )
    },
  },
]
