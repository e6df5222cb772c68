import { MIN_DATE_MS } from '@regstack/protocols'
import fc from 'fast-check'
import { emailString, nearMisses } from '../../arbitraries/strings.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'

const HOUR = 60 * 60_000

/** Every row an email has: a window reaching back to the start of the storable range. */
function everything(): { windowMs: number; now: Date } {
  return { windowMs: 0, now: new Date(MIN_DATE_MS) }
}

/** Up to four distinct emails, often near-misses of one another (exact-string matching matters). */
const emailSet = emailString().chain((email) =>
  fc.shuffledSubarray([email, ...nearMisses(email).filter((v) => v.length <= 320)], {
    minLength: 1,
    maxLength: 4,
  }),
)

/** Rules of `clear` and `attempts.purgeExpired` (CONTRACT §3.4, §0.12, P14). */
export const clearAndPurgeChecks: readonly Check[] = [
  {
    id: 'attempts.clear.only-that-email',
    title: 'clear(e) deletes every failure of exactly e and none of any other email.',
    area: 'attempts',
    level: 'MUST',
    clause: '§3.4',
    run: async (ctx) => {
      const store = await ctx.open()
      const { attempts } = store.repos
      let caseNo = 0
      await ctx.property(
        [emailSet, fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }), fc.nat()],
        async (rawEmails, counts, pick) => {
          caseNo += 1
          // The prefix goes at the end so near-miss variants (leading spaces, case) stay near-misses.
          const emails = rawEmails.map((e) => `${e}#${caseNo}`)
          const now = store.clock.now()
          for (const [i, email] of emails.entries()) {
            for (let k = 0; k < (counts[i] ?? 1); k++) await attempts.recordFailure(email, { when: now })
          }
          const target = emails[pick % emails.length] ?? ''
          await attempts.clear(target)
          for (const [i, email] of emails.entries()) {
            expectEqual(
              await attempts.countRecent(email, everything()),
              email === target ? 0 : (counts[i] ?? 1),
              `failures of ${describeValue(email)} after clear(${describeValue(target)})`,
            )
          }
          await attempts.clear(target)
          await attempts.recordFailure(target, { when: now })
          expectEqual(
            await attempts.countRecent(target, everything()),
            1,
            'a failure recorded after clear counts',
          )
        },
      )
    },
  },
  {
    id: 'attempts.purgeExpired.strict-cutoff',
    title:
      'purgeExpired(now, windowMs) deletes, across all emails, exactly the rows with when < now - windowMs and returns their count.',
    area: 'attempts',
    level: 'MUST',
    clause: '§0.12',
    run: async (ctx) => {
      const offset = fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -2 * HOUR, max: 2 * HOUR }))
      await ctx.property(
        [
          emailSet,
          fc.array(fc.record({ who: fc.nat(), offset }), { minLength: 1, maxLength: 10 }),
          fc.integer({ min: 0, max: 2 * HOUR }),
          fc.nat(),
        ],
        (emails, rows, windowMs, pick) =>
          ctx.withStore(async (store) => {
            const { attempts } = store.repos
            const base = store.clock.now().getTime()
            const placed = rows.map((r) => ({
              email: emails[r.who % emails.length] ?? '',
              when: base + r.offset,
            }))
            for (const row of placed) await attempts.recordFailure(row.email, { when: new Date(row.when) })
            // The cutoff sits exactly on one recorded time, so the boundary is exercised every case.
            const cutoff = placed[pick % placed.length]?.when ?? base
            const now = new Date(cutoff + windowMs)
            const what = `failures ${describeValue(placed.map((p) => [p.email, new Date(p.when)]))}; purgeExpired(${describeValue(now)}, ${windowMs})`
            expectEqual(
              await attempts.purgeExpired(now, windowMs),
              placed.filter((p) => p.when < cutoff).length,
              `${what} count`,
            )
            for (const email of emails) {
              expectEqual(
                await attempts.countRecent(email, everything()),
                placed.filter((p) => p.email === email && p.when >= cutoff).length,
                `${what}, then rows left for ${describeValue(email)}`,
              )
            }
          }),
        Math.ceil(ctx.numRuns / 4),
      )
    },
  },
]
