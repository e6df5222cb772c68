import { MIN_DATE_MS } from '@regstack/protocols'
import fc from 'fast-check'
import { nearMisses, unicodeString } from '../../arbitraries/strings.js'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/**
 * Rules of `revoke` and `isRevoked` (CONTRACT §3.3, P12). Properties share one store and keep their
 * cases apart with a per-case prefix on every jti, so slow engines still get many cases. Expiries
 * stay within 45 minutes of the frozen clock, which runs an hour ahead of the wall clock: no engine
 * may reap them, so every answer is exact.
 */
export const revokeChecks: readonly Check[] = [
  {
    id: 'blacklist.revoke.then-revoked',
    title: 'After revoke(jti, exp), isRevoked(jti) is true; a jti never revoked is not revoked.',
    area: 'blacklist',
    level: 'MUST',
    clause: '§3.3',
    run: async (ctx) => {
      const store = await ctx.open()
      const { blacklist } = store.repos
      let caseNo = 0
      await ctx.property(
        [
          fc.uniqueArray(unicodeString({ maxLength: 56 }), { minLength: 1, maxLength: 4 }),
          unicodeString({ maxLength: 56 }),
          fc.integer({ min: -45 * MINUTE, max: 45 * MINUTE }),
        ],
        async (jtis, unknown, offsetMs) => {
          caseNo += 1
          const tag = `${caseNo}#`
          const exp = new Date(store.clock.now().getTime() + offsetMs)
          for (const jti of jtis) {
            await expectResolves(
              () => blacklist.revoke(tag + jti, exp),
              `revoke(${describeValue(tag + jti)}, exp)`,
            )
          }
          for (const jti of jtis) {
            const jtiTagged = tag + jti
            expectEqual(
              await blacklist.isRevoked(jtiTagged),
              true,
              `isRevoked(${describeValue(jtiTagged)}) after revoke`,
            )
          }
          if (!jtis.includes(unknown)) {
            const never = tag + unknown
            expectEqual(
              await blacklist.isRevoked(never),
              false,
              `isRevoked(${describeValue(never)}), never revoked`,
            )
          }
        },
      )
    },
  },
  {
    id: 'blacklist.isRevoked.exact-jti',
    title:
      'isRevoked matches the jti exactly: case, white-space, normalisation and prefix variants are not revoked.',
    area: 'blacklist',
    level: 'MUST',
    clause: '§0.5',
    run: async (ctx) => {
      const store = await ctx.open()
      const { blacklist } = store.repos
      let caseNo = 0
      await ctx.property([unicodeString({ minLength: 1, maxLength: 56 })], async (raw) => {
        caseNo += 1
        const jti = `${caseNo}#${raw}`
        await blacklist.revoke(jti, new Date(store.clock.now().getTime() + MINUTE))
        const variants = [...nearMisses(jti), jti.slice(0, -1), `${jti}%`, jti.replace(/.$/u, '_')]
        for (const other of new Set(variants)) {
          if (other === jti) continue
          expectEqual(
            await blacklist.isRevoked(other),
            false,
            `isRevoked(${describeValue(other)}) when only ${describeValue(jti)} was revoked`,
          )
        }
        expectEqual(await blacklist.isRevoked(jti), true, `isRevoked(${describeValue(jti)}) after revoke`)
      })
    },
  },
  {
    id: 'blacklist.isRevoked.ignores-exp',
    title: 'isRevoked ignores exp: a jti whose exp has passed stays revoked until it is purged.',
    area: 'blacklist',
    level: 'MUST',
    clause: '§3.3',
    run: async (ctx) => {
      const store = await ctx.open()
      const { blacklist } = store.repos
      const now = store.clock.now().getTime()
      const rows = [
        { jti: 'past-1ms', exp: new Date(now - 1) },
        { jti: 'past-45min', exp: new Date(now - 45 * MINUTE) },
        // These two are past by the wall clock too: an engine with automatic expiry may reap them.
        { jti: 'past-2days', exp: new Date(now - 2 * DAY) },
        { jti: 'epoch', exp: new Date(MIN_DATE_MS) },
        { jti: 'future-1min', exp: new Date(now + MINUTE) },
      ]
      for (const row of rows) await blacklist.revoke(row.jti, row.exp)
      store.clock.advance(DAY)
      for (const row of rows) {
        const revoked = await blacklist.isRevoked(row.jti)
        if (!revoked && store.mayBeReaped(row.exp)) continue
        expectEqual(
          revoked,
          true,
          `isRevoked(${describeValue(row.jti)}) with exp ${describeValue(row.exp)} before clock.now() ${describeValue(store.clock.now())}, never purged`,
        )
      }
    },
  },
  {
    id: 'blacklist.revoke.first-exp-wins',
    title:
      'Revoking a jti again with another exp succeeds silently and keeps the first exp (as purgeExpired shows).',
    area: 'blacklist',
    level: 'MUST',
    clause: '§3.3',
    run: async (ctx) => {
      await ctx.property(
        [
          fc.integer({ min: -20 * MINUTE, max: 20 * MINUTE }),
          fc.integer({ min: 1, max: 20 * MINUTE }),
          fc.boolean(),
        ],
        (firstOffset, gap, secondIsLater) =>
          ctx.withStore(async (store) => {
            const { blacklist } = store.repos
            const now = store.clock.now().getTime()
            const first = new Date(now + firstOffset)
            const second = new Date(now + firstOffset + (secondIsLater ? gap : -gap))
            const jti = 'jti-revoked-twice'
            await expectResolves(() => blacklist.revoke(jti, first), `revoke(jti, ${describeValue(first)})`)
            await expectResolves(
              () => blacklist.revoke(jti, second),
              `second revoke(jti, ${describeValue(second)}) of an already revoked jti`,
            )
            expectEqual(await blacklist.isRevoked(jti), true, 'isRevoked(jti) after revoking it twice')
            // A cutoff just past the earlier exp separates the two: only a row holding the earlier exp goes.
            const lo = Math.min(first.getTime(), second.getTime())
            const hi = Math.max(first.getTime(), second.getTime())
            const cutoff = new Date(lo + 1)
            const firstGoes = first.getTime() === lo
            const what = `revoke(jti, ${describeValue(first)}) then revoke(jti, ${describeValue(second)}); purgeExpired(${describeValue(cutoff)})`
            expectEqual(
              await blacklist.purgeExpired(cutoff),
              firstGoes ? 1 : 0,
              `${what} count (the first exp must be kept)`,
            )
            expectEqual(await blacklist.isRevoked(jti), !firstGoes, `${what}, then isRevoked(jti)`)
            expectEqual(
              await blacklist.purgeExpired(new Date(hi + 1)),
              firstGoes ? 0 : 1,
              `${what}, then purgeExpired(${describeValue(new Date(hi + 1))}) count (one row per jti)`,
            )
          }),
        Math.ceil(ctx.numRuns / 4),
      )
    },
  },
  {
    id: 'blacklist.revoke.jti-limits-round-trip',
    title: 'A jti of 64 UTF-16 units (astral characters included) and the empty jti are revoked exactly.',
    area: 'blacklist',
    level: 'MUST',
    clause: '§0.6',
    run: async (ctx) => {
      const store = await ctx.open()
      const { blacklist } = store.repos
      const exp = new Date(store.clock.now().getTime() + MINUTE)
      const jtis = ['😀'.repeat(32), 'j'.repeat(64), `${'é'.repeat(62)}𝔘`, '']
      for (const jti of jtis)
        await expectResolves(() => blacklist.revoke(jti, exp), `revoke(${describeValue(jti)}, exp)`)
      for (const jti of jtis) {
        expectEqual(await blacklist.isRevoked(jti), true, `isRevoked(${describeValue(jti)}) after revoke`)
      }
      for (const other of ['😀'.repeat(31), 'j'.repeat(63), `${'é'.repeat(62)}`, ' ']) {
        expectEqual(
          await blacklist.isRevoked(other),
          false,
          `isRevoked(${describeValue(other)}), never revoked`,
        )
      }
    },
  },
]
