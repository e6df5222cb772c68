import { MAX_DATE_MS, MIN_DATE_MS } from '@regstack/protocols'
import { processOffset } from './time-zone.js'

const DAY_MS = 24 * 60 * 60 * 1000
const YEAR_MS = 366 * DAY_MS

/** A change of the process zone's UTC offset. */
export interface OffsetChange {
  /** The first millisecond with the new offset. */
  readonly at: number
  /** Offsets before and after, minutes east of UTC. */
  readonly before: number
  readonly after: number
}

/**
 * Every offset change of the process zone in `[fromMs, toMs)`, found by stepping a day at a time and
 * bisecting to the millisecond. Uses `Date`'s local-time view, i.e. exactly what naive code sees.
 */
export function offsetChanges(fromMs: number, toMs: number): OffsetChange[] {
  const changes: OffsetChange[] = []
  let t = Math.max(MIN_DATE_MS, fromMs)
  let offset = processOffset(new Date(t))
  while (t < toMs) {
    const next = Math.min(t + DAY_MS, toMs, MAX_DATE_MS)
    if (next <= t) break
    const nextOffset = processOffset(new Date(next))
    if (nextOffset !== offset) {
      let lo = t
      let hi = next
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2)
        if (processOffset(new Date(mid)) === offset) lo = mid
        else hi = mid
      }
      changes.push({ at: hi, before: offset, after: processOffset(new Date(hi)) })
    }
    t = next
    offset = nextOffset
  }
  return changes
}

/**
 * Offset changes of the process zone where naive code meets them: the first years after 1970, the
 * Kathmandu-style offset changes of the mid-1980s, the years around `nowMs`, the 2038 signed 32-bit
 * rollover, and the last years before 9999 — the first change of each direction in each span, which
 * keeps the pinned instants few enough for networked engines.
 */
export function interestingChanges(nowMs: number): OffsetChange[] {
  const spans: ReadonlyArray<readonly [number, number]> = [
    [MIN_DATE_MS, MIN_DATE_MS + 2 * YEAR_MS],
    [Date.UTC(1985, 0, 1), Date.UTC(1987, 0, 1)],
    [nowMs - YEAR_MS, nowMs + 2 * YEAR_MS],
    [Date.UTC(2037, 0, 1), Date.UTC(2039, 0, 1)],
    [MAX_DATE_MS - 2 * YEAR_MS, MAX_DATE_MS],
  ]
  return spans.flatMap(([from, to]) => {
    const changes = offsetChanges(from, to)
    const fallBack = changes.find((c) => c.after < c.before)
    const forward = changes.find((c) => c.after > c.before)
    return [fallBack, forward].filter((c): c is OffsetChange => c !== undefined)
  })
}

/** The length, in ms, of the wall-clock hour (or half hour) a fall-back change repeats; 0 for others. */
export function repeatedMs(change: OffsetChange): number {
  return Math.max(0, change.before - change.after) * 60_000
}

/**
 * Instants that break naive date code in the process zone: for every change, the instants inside the
 * repeated wall-clock span on both of its passes (`t` and `t + span` show the same local time), the
 * edges of a spring-forward gap, plus the bounds of the storable range (whose local time lies in
 * 1969 or in year 10000 in many zones).
 */
export function hostileInstants(changes: readonly OffsetChange[]): number[] {
  const out = new Set<number>([MIN_DATE_MS, MIN_DATE_MS + 1, MAX_DATE_MS, MAX_DATE_MS - 1])
  for (const change of changes) {
    const span = repeatedMs(change)
    const around =
      span > 0
        ? [
            -span,
            -span / 2,
            -1,
            0,
            span / 2,
            span - 1,
            // A minute past the start on both passes: the pair the issue found (05:30Z and 06:30Z).
            -span + 60_000,
            60_000,
          ]
        : [-1, 0, 1]
    for (const d of around) {
      const ms = change.at + d
      if (ms >= MIN_DATE_MS && ms <= MAX_DATE_MS) out.add(ms)
    }
  }
  return [...out].sort((a, b) => a - b)
}

/** The first fall-back change at least `afterMs`, if the zone has one within three years. */
export function nextFallBack(afterMs: number): OffsetChange | undefined {
  return offsetChanges(afterMs, afterMs + 3 * YEAR_MS).find((c) => repeatedMs(c) > 0)
}
