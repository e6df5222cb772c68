import fc from 'fast-check'
import { emailString, nearMisses } from '../../arbitraries/strings.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Offsets of failure times from a base instant: often 0/±1 ms, otherwise up to two hours either way. */
const whenOffset = fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -2 * HOUR, max: 2 * HOUR }))

/**
 * A query whose window edge (`now - windowMs`) often sits exactly on, or 1 ms beside, one of the
 * recorded times: `pick` chooses that time and `edge` the displacement.
 */
const query = fc.record({
  nowOffset: fc.integer({ min: -2 * HOUR, max: 2 * HOUR }),
  pick: fc.nat(),
  edge: fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -HOUR, max: HOUR })),
})

/**
 * Rules of `countRecent` (CONTRACT §3.4, §0.12, P14). Login attempts are never reaped during a run,
 * so any dates are exact. Properties share one store and keep cases apart with a per-case prefix on
 * the email (counts are per email).
 */
export const countRecentChecks: readonly Check[] = [
  {
    id: 'attempts.countRecent.window-boundary',
    title:
      'countRecent counts rows with when >= now - windowMs: the edge itself counts, 1 ms earlier does not, and future rows count.',
    area: 'attempts',
    level: 'MUST',
    clause: '§0.12',
    run: async (ctx) => {
      const store = await ctx.open()
      const { attempts } = store.repos
      const t = store.clock.now().getTime()
      const email = 'edge@example.com'
      await attempts.recordFailure(email, { when: new Date(t) })
      const probes = [
        { windowMs: MINUTE, now: t + MINUTE, expected: 1 },
        { windowMs: MINUTE, now: t + MINUTE + 1, expected: 0 },
        { windowMs: 0, now: t, expected: 1 },
        { windowMs: 0, now: t + 1, expected: 0 },
        { windowMs: 0, now: t - 1, expected: 1 },
        { windowMs: MINUTE, now: t - HOUR, expected: 1 },
      ]
      for (const p of probes) {
        const now = new Date(p.now)
        expectEqual(
          await attempts.countRecent(email, { windowMs: p.windowMs, now }),
          p.expected,
          `one failure at ${describeValue(new Date(t))}; countRecent(email, { windowMs: ${p.windowMs}, now: ${describeValue(now)} })`,
        )
      }
    },
  },
  {
    id: 'attempts.countRecent.matches-direct-count',
    title:
      'countRecent(e, { windowMs, now }) equals the number of failures recorded for e with when >= now - windowMs.',
    area: 'attempts',
    level: 'MUST',
    clause: '§3.4',
    run: async (ctx) => {
      const store = await ctx.open()
      const { attempts } = store.repos
      let caseNo = 0
      await ctx.property(
        [
          emailString(),
          fc.array(whenOffset, { maxLength: 10 }),
          fc.array(query, { minLength: 1, maxLength: 4 }),
        ],
        async (rawEmail, offsets, queries) => {
          caseNo += 1
          const email = `${caseNo}#${rawEmail}`
          const base = store.clock.now().getTime()
          const whens = offsets.map((offset) => base + offset)
          for (const when of whens) await attempts.recordFailure(email, { when: new Date(when) })
          for (const q of queries) {
            const now = base + q.nowOffset
            const anchor = whens.length === 0 ? now : (whens[q.pick % whens.length] ?? now)
            const windowMs = Math.max(0, now - anchor + q.edge)
            const expected = whens.filter((when) => when >= now - windowMs).length
            expectEqual(
              await attempts.countRecent(email, { windowMs, now: new Date(now) }),
              expected,
              `failures at ${describeValue(whens.map((w) => new Date(w)))}; countRecent(email, { windowMs: ${windowMs}, now: ${describeValue(new Date(now))} })`,
            )
          }
        },
      )
    },
  },
  {
    id: 'attempts.countRecent.exact-email',
    title:
      'Failures are counted per exact email string: case, white-space and normalisation variants are separate.',
    area: 'attempts',
    level: 'MUST',
    clause: '§0.5',
    run: async (ctx) => {
      const store = await ctx.open()
      const { attempts } = store.repos
      let caseNo = 0
      await ctx.property([emailString(), fc.integer({ min: 1, max: 3 })], async (rawEmail, times) => {
        caseNo += 1
        const email = `${caseNo}#${rawEmail}`
        const now = store.clock.now()
        for (let i = 0; i < times; i++) await attempts.recordFailure(email, { when: now })
        const window = { windowMs: 0, now }
        const variants = nearMisses(email).filter((v) => v.length <= 320)
        for (const other of variants) {
          expectEqual(
            await attempts.countRecent(other, window),
            0,
            `countRecent(${describeValue(other)}) after ${times} failure(s) for ${describeValue(email)} only`,
          )
        }
        const [first] = variants
        if (first !== undefined) await attempts.recordFailure(first, { when: now })
        expectEqual(
          await attempts.countRecent(email, window),
          times,
          `countRecent(${describeValue(email)}) after ${times} failure(s) for it and one for ${describeValue(first)}`,
        )
      })
    },
  },
  {
    id: 'attempts.countRecent.any-safe-window',
    title: 'countRecent and purgeExpired accept any safe-integer windowMs, up to Number.MAX_SAFE_INTEGER.',
    area: 'attempts',
    level: 'MUST',
    clause: '§0.6',
    run: async (ctx) => {
      const store = await ctx.open()
      const { attempts } = store.repos
      const email = 'wide@example.com'
      const whens = [new Date(0), store.clock.now(), new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999))]
      for (const when of whens) await attempts.recordFailure(email, { when })
      const windowMs = Number.MAX_SAFE_INTEGER
      expectEqual(
        await attempts.countRecent(email, { windowMs, now: store.clock.now() }),
        3,
        `failures at ${describeValue(whens)}; countRecent(email, { windowMs: Number.MAX_SAFE_INTEGER, now: clock.now() })`,
      )
      expectEqual(
        await attempts.purgeExpired(store.clock.now(), windowMs),
        0,
        'purgeExpired(clock.now(), Number.MAX_SAFE_INTEGER) count (the cutoff lies before every storable date)',
      )
    },
  },
]
