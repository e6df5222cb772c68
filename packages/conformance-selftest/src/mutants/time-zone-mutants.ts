/**
 * Mutants of CONTRACT §0.3 that only a process time zone other than UTC reveals: dates stored as local
 * wall-clock time, and UTC offsets read as whole hours. In UTC, and in the zones most CI machines and
 * developers use, each behaves exactly like the reference adapter.
 */
import { createRawMemoryRepos } from '@regstack/adapter-memory/internal'
import type { Clock } from '@regstack/protocols'
import { defineMutant } from './define-mutant.js'
import { mapRepoDates } from './map-repo-dates.js'
import type { Mutant } from './mutant.js'

/**
 * What a DATETIME column written and read through a driver set to local time (mysql2's default
 * `timezone: 'local'`) does to an instant: it keeps the process zone's wall-clock reading, and reading
 * it back picks the first instant showing that time — so the second pass through a repeated
 * daylight-saving hour comes back an hour early.
 */
export function viaLocalWallClock(d: Date): Date {
  return new Date(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
  )
}

/**
 * What reading a `timestamptz` text with its UTC offset cut to whole hours does (`+05:45` read as
 * `+05`): the instant moves by the offset's minutes — nothing at all in whole-hour zones.
 */
export function viaWholeHourOffset(d: Date): Date {
  const offset = -d.getTimezoneOffset()
  const lost = offset - Math.trunc(offset / 60) * 60
  return new Date(d.getTime() + lost * 60_000)
}

export const TIME_ZONE_MUTANTS: readonly Mutant[] = [
  defineMutant({
    id: 'dates.local-wall-clock',
    description:
      "Stores every date as the process zone's local wall-clock time (a DATETIME through mysql2's default timezone 'local'), the injected clock's instants included.",
    clause: '§0.3',
    base: (clock: Clock) =>
      mapRepoDates(
        createRawMemoryRepos({ clock: { now: () => viaLocalWallClock(clock.now()) } }),
        'arguments',
        viaLocalWallClock,
      ),
  }),
  defineMutant({
    id: 'dates.offset-read-as-whole-hours',
    description:
      'Reads dates back through a UTC offset cut to whole hours (+05:45 read as +05), as node-postgres once parsed timestamptz.',
    clause: '§0.3',
    raw: ({ raw }) => mapRepoDates(raw, 'results', viaWholeHourOffset),
  }),
]
