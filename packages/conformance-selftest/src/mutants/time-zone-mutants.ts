/**
 * Mutants of CONTRACT §0.3 that only a process time zone other than UTC reveals: dates stored as local
 * wall-clock time, and UTC offsets read as whole hours. In UTC, and in the zones most CI machines and
 * developers use, each behaves exactly like the reference adapter.
 */
import { createRawMemoryRepos } from '@regstack/adapter-memory'
import type { Clock, Repos } from '@regstack/protocols'
import { defineMutant } from './define-mutant.js'
import type { Mutant } from './mutant.js'

/** `value` with every `Date` in it (at any depth of plain objects and arrays) replaced by `f(date)`. */
function mapDates<T>(value: T, f: (date: Date) => Date): T {
  if (value instanceof Date) return f(value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => mapDates(v, f)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapDates(v, f)])) as T
  }
  return value
}

/** Every method of every repository, with `f` applied to the dates of its arguments or of its result. */
function mapRepoDates(repos: Repos, where: 'arguments' | 'results', f: (date: Date) => Date): Repos {
  const wrap = <R extends object>(repo: R): R =>
    Object.fromEntries(
      Object.entries(repo).map(([name, method]) => [
        name,
        async (...args: unknown[]) => {
          const result: unknown = await (method as (...a: unknown[]) => Promise<unknown>)(
            ...(where === 'arguments' ? mapDates(args, f) : args),
          )
          return where === 'results' ? mapDates(result, f) : result
        },
      ]),
    ) as R
  return {
    users: wrap(repos.users),
    pending: wrap(repos.pending),
    blacklist: wrap(repos.blacklist),
    attempts: wrap(repos.attempts),
    mfaCodes: wrap(repos.mfaCodes),
    oauthIdentities: wrap(repos.oauthIdentities),
    oauthStates: wrap(repos.oauthStates),
  }
}

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
