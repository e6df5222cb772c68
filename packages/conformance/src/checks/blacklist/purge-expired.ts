import fc from 'fast-check'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'

const MINUTE = 60_000

/** An offset that often lands exactly on, or 1 ms beside, a boundary. */
const nearBoundary = fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -20 * MINUTE, max: 20 * MINUTE }))

/**
 * Rules of `blacklist.purgeExpired` (CONTRACT §0.9, §0.12, P13). Purging is global, so each case
 * gets its own store. Every exp stays within 30 minutes of the frozen clock (an hour ahead of the
 * wall clock), so no engine may have reaped anything and the counts are exact.
 */
export const blacklistPurgeChecks: readonly Check[] = [
  {
    id: 'blacklist.purgeExpired.strict-cutoff',
    title:
      'purgeExpired(now) deletes exactly the entries with exp < now (exp == now is kept) and returns their count.',
    area: 'blacklist',
    level: 'MUST',
    clause: '§0.12',
    run: async (ctx) => {
      await ctx.property(
        [
          fc.integer({ min: -10 * MINUTE, max: 10 * MINUTE }),
          fc.array(nearBoundary, { minLength: 1, maxLength: 8 }),
        ],
        (cutoffOffset, expOffsets) =>
          ctx.withStore(async (store) => {
            const { blacklist } = store.repos
            // The cutoff differs from the clock, so an adapter that ignores the argument is caught.
            const cutoff = new Date(store.clock.now().getTime() + cutoffOffset)
            const rows = expOffsets.map((offset, i) => ({
              jti: `jti-${i}`,
              exp: new Date(cutoff.getTime() + offset),
            }))
            for (const row of rows) await blacklist.revoke(row.jti, row.exp)
            const expected = rows.filter((row) => row.exp < cutoff).length
            expectEqual(
              await blacklist.purgeExpired(cutoff),
              expected,
              `purgeExpired(${describeValue(cutoff)}) count with exps ${describeValue(rows.map((r) => r.exp))}`,
            )
            for (const row of rows) {
              expectEqual(
                await blacklist.isRevoked(row.jti),
                row.exp >= cutoff,
                `isRevoked of a jti with exp ${describeValue(row.exp)} after purgeExpired(${describeValue(cutoff)})`,
              )
            }
            expectEqual(await blacklist.purgeExpired(cutoff), 0, 'a second purgeExpired with the same cutoff')
          }),
        Math.ceil(ctx.numRuns / 4),
      )
    },
  },
  {
    id: 'blacklist.purgeExpired.default-now-is-clock',
    title:
      'purgeExpired() without now (omitted, undefined or null) uses the injected clock, not the system clock.',
    area: 'blacklist',
    level: 'MUST',
    clause: '§0.2',
    run: async (ctx) => {
      const store = await ctx.open()
      const { blacklist } = store.repos
      const now = store.clock.now().getTime()
      // 20 minutes before the frozen clock is 40 minutes after the wall clock: only the injected clock
      // says it has passed.
      const rows = [
        { jti: 'clock-minus-20min', exp: new Date(now - 20 * MINUTE) },
        { jti: 'clock-minus-1ms', exp: new Date(now - 1) },
        { jti: 'clock-now', exp: new Date(now) },
        { jti: 'clock-plus-1ms', exp: new Date(now + 1) },
      ]
      for (const row of rows) await blacklist.revoke(row.jti, row.exp)
      const at = (): string => `(clock.now() = ${describeValue(store.clock.now())})`
      expectEqual(
        await blacklist.purgeExpired(),
        2,
        `purgeExpired() count ${at()} with exps ${describeValue(rows.map((r) => r.exp))}`,
      )
      expectEqual(
        await blacklist.isRevoked('clock-minus-20min'),
        false,
        `isRevoked of exp clock-20min after purgeExpired() ${at()}`,
      )
      expectEqual(
        await blacklist.isRevoked('clock-now'),
        true,
        `isRevoked of exp == clock.now() after purgeExpired() ${at()}`,
      )
      store.clock.advance(1)
      expectEqual(
        await blacklist.purgeExpired(null),
        1,
        `purgeExpired(null) count after the clock moved 1 ms ${at()}`,
      )
      store.clock.advance(1)
      expectEqual(
        await blacklist.purgeExpired(undefined),
        1,
        `purgeExpired(undefined) count after 1 more ms ${at()}`,
      )
      expectEqual(
        await blacklist.isRevoked('clock-plus-1ms'),
        false,
        'isRevoked of exp clock+1ms after it was purged',
      )
    },
  },
]
