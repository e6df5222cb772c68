import type { RecordFailureOptions } from '@regstack/protocols'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'

const MINUTE = 60_000

/** Rules of `recordFailure` (CONTRACT §3.4, §0.2). */
export const recordFailureChecks: readonly Check[] = [
  {
    id: 'attempts.recordFailure.default-when-is-clock',
    title:
      'recordFailure without when (omitted, undefined or null) dates the failure clock.now(), not the system time.',
    area: 'attempts',
    level: 'MUST',
    clause: '§0.2',
    run: async (ctx) => {
      const store = await ctx.open()
      const { attempts } = store.repos
      const email = 'default-when@example.com'
      const calls: [string, RecordFailureOptions | null | undefined][] = [
        ['recordFailure(email)', undefined],
        ['recordFailure(email, null)', null],
        ['recordFailure(email, {})', {}],
        ['recordFailure(email, { when: null })', { when: null }],
        [
          'recordFailure(email, { when: undefined, ip: "203.0.113.9" })',
          { when: undefined, ip: '203.0.113.9' },
        ],
      ]
      for (const [what, opts] of calls) {
        await expectResolves(
          () => (opts === undefined ? attempts.recordFailure(email) : attempts.recordFailure(email, opts)),
          what,
        )
      }
      const now = store.clock.now()
      // windowMs 0 at clock.now() only counts rows dated at or after the injected clock; the system
      // clock is an hour behind it.
      expectEqual(
        await attempts.countRecent(email, { windowMs: 0, now }),
        calls.length,
        `after ${calls.map(([w]) => w).join(', ')}: countRecent(email, { windowMs: 0, now: clock.now() = ${describeValue(now)} })`,
      )
      const later = new Date(now.getTime() + 1)
      expectEqual(
        await attempts.countRecent(email, { windowMs: 0, now: later }),
        0,
        `failures without when counted at ${describeValue(later)}, 1 ms after clock.now(): they must be dated exactly clock.now()`,
      )
    },
  },
  {
    id: 'attempts.recordFailure.appends-every-call',
    title:
      'recordFailure appends one row per call, with no deduplication, whether ip is a string, null or omitted.',
    area: 'attempts',
    level: 'MUST',
    clause: '§3.4',
    run: async (ctx) => {
      const store = await ctx.open()
      const { attempts } = store.repos
      const email = 'repeat@example.com'
      const when = store.clock.now()
      const ips = ['198.51.100.7', '198.51.100.7', null, undefined, '', 'ip'.repeat(32), '2001:db8::1 😀']
      for (const ip of ips) {
        await expectResolves(
          () => attempts.recordFailure(email, { when, ip }),
          `recordFailure(email, { when, ip: ${describeValue(ip)} })`,
        )
      }
      await attempts.recordFailure(email, { when })
      expectEqual(
        await attempts.countRecent(email, { windowMs: MINUTE, now: when }),
        ips.length + 1,
        `countRecent after ${ips.length + 1} recordFailure calls with the same email and when`,
      )
    },
  },
]
