/**
 * Rewrites the dates that cross a store's boundary, which is how every time-zone bug looks from the
 * outside: the time-zone mutants apply a local-time conversion in memory, and adapter-knex's
 * time-zone trap sends each date through a real DATETIME(3) column.
 */
import type { Repos } from '@regstack/protocols'

/** A date rewrite; an engine round trip is asynchronous. */
export type DateRewrite = (date: Date) => Date | Promise<Date>

/** `value` with every `Date` in it (at any depth of plain objects and arrays) replaced by `f(date)`. */
async function mapDates(value: unknown, f: DateRewrite): Promise<unknown> {
  if (value instanceof Date) return await f(value)
  if (Array.isArray(value)) return await Promise.all(value.map((v: unknown) => mapDates(v, f)))
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await mapDates(v, f)] as const),
    )
    return Object.fromEntries(entries)
  }
  return value
}

/** Every method of every repository, with `f` applied to the dates of its arguments or of its result. */
export function mapRepoDates(repos: Repos, where: 'arguments' | 'results', f: DateRewrite): Repos {
  const wrap = <R extends object>(repo: R): R =>
    Object.fromEntries(
      Object.entries(repo).map(([name, method]) => [
        name,
        async (...args: unknown[]) => {
          const result: unknown = await (method as (...a: unknown[]) => Promise<unknown>)(
            ...(where === 'arguments' ? ((await mapDates(args, f)) as unknown[]) : args),
          )
          return where === 'results' ? await mapDates(result, f) : result
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
