import { InfrastructureError } from './infrastructure-error.js'

/**
 * The zones the time-zone tier runs in, each chosen because it breaks a different kind of naive date
 * code: daylight saving in the northern and the southern hemisphere (a repeated hour in autumn, a
 * missing one in spring), a 30-minute daylight-saving shift, and a whole-year offset that is not a
 * whole number of hours (+05:45; it was +05:30 until 1986).
 */
export const TIER_ZONES: readonly string[] = [
  'America/New_York',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
]

/** Restricts the tier to some zones, e.g. to replay a failure seen in one (`REGSTACK_TIME_ZONES`). */
export function tierZones(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  const list = (env.REGSTACK_TIME_ZONES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return list.length === 0 ? TIER_ZONES : list
}

/** Instants at which every tier zone has a known, non-zero offset, in winter and in summer. */
const PROBE_INSTANTS: readonly Date[] = [new Date('2026-01-15T12:00:00Z'), new Date('2026-07-15T12:00:00Z')]

/**
 * The UTC offset (minutes east of UTC) of `zone` at `at`, from ICU's zone data, which does not depend
 * on the process zone. Throws `InfrastructureError` for a zone ICU does not know.
 */
export function offsetFromIcu(zone: string, at: Date): number {
  let name: string | undefined
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value
  } catch (error) {
    throw new InfrastructureError(`time-zone tier: this Node.js does not know the zone ${zone}`, {
      cause: error,
    })
  }
  if (name === 'GMT') return 0
  const match = /^GMT([+-])(\d\d):(\d\d)$/.exec(name ?? '')
  if (match === null) throw new InfrastructureError(`time-zone tier: unreadable offset ${name} for ${zone}`)
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/** The process zone's offset (minutes east of UTC) at `at`, as `Date`'s local-time methods see it. */
export function processOffset(at: Date): number {
  // getTimezoneOffset is minutes *west*; `+ 0` turns a -0 into 0 for clean messages.
  return -at.getTimezoneOffset() + 0
}

/**
 * Fails unless the process really runs in `zone` now: its offsets at fixed instants equal ICU's for
 * that zone. A change of `process.env.TZ` takes effect in the main thread and in a forked process, but
 * inside a worker thread it was seen to change nothing; a run that silently stayed in the old zone
 * would pass without having tested anything, so it must fail loudly instead.
 */
export function assertProcessZone(zone: string): void {
  for (const at of PROBE_INSTANTS) {
    const expected = offsetFromIcu(zone, at)
    const actual = processOffset(at)
    if (actual !== expected) {
      throw new InfrastructureError(
        `time-zone tier: process.env.TZ=${zone} did not take effect (at ${at.toISOString()} the process ` +
          `offset is ${formatOffset(actual)}, ${zone} has ${formatOffset(expected)}). Node.js applies a TZ ` +
          'change in the main thread and in forked processes, not in worker threads: run the suite in a ' +
          "forked process (vitest pool 'forks') or the CLI.",
      )
    }
  }
}

/** `+05:45` style. */
export function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/**
 * Runs `body` with the process time zone set to `zone` (checked to have taken effect), and restores
 * the previous setting afterwards, whatever happens. Not re-entrant: checks run one at a time.
 */
export async function inProcessZone<T>(zone: string, body: () => Promise<T>): Promise<T> {
  const had = Object.hasOwn(process.env, 'TZ')
  const previous = process.env.TZ
  const before = PROBE_INSTANTS.map(processOffset)
  process.env.TZ = zone
  try {
    assertProcessZone(zone)
    return await body()
  } finally {
    if (had) process.env.TZ = previous
    else delete process.env.TZ
    const after = PROBE_INSTANTS.map(processOffset)
    if (after.some((offset, i) => offset !== before[i])) {
      // Not reachable where setting TZ works at all; if it happens, later checks would run in the
      // wrong zone, which must not pass unnoticed.
      // biome-ignore lint/correctness/noUnsafeFinally: a failed restore outranks the body's outcome.
      throw new InfrastructureError(`time-zone tier: could not restore the process time zone after ${zone}`)
    }
  }
}
