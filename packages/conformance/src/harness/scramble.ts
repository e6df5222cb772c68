/**
 * Freshness probe (§0.7, §0.18): right after a call settles the run mutates every object the adapter
 * returned — nested `Date`s included — and every input it was handed. A store that kept or handed out
 * a shared reference then shows the change in a later result, which the search cannot explain.
 */

/** A deep copy of plain data and `Date`s, taken before the original is scrambled. */
export function snapshot<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (Array.isArray(value)) return value.map((v) => snapshot(v)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)])) as T
  }
  return value
}

/** Overwrites every field of `value` (recursively) with a different value; frozen parts are left alone. */
export function scramble(value: unknown, seen: Set<unknown> = new Set()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return
  seen.add(value)
  if (value instanceof Date) {
    value.setTime(value.getTime() + 7_777_777)
    return
  }
  if (Object.isFrozen(value)) return
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const v = record[key]
    try {
      if (typeof v === 'string') record[key] = `${v}~scrambled`
      else if (typeof v === 'number') record[key] = v + 7
      else if (typeof v === 'boolean') record[key] = !v
      else scramble(v, seen)
    } catch {
      // A read-only property: the caller could not change it either.
    }
  }
}

/**
 * `repos` with every method handed deep copies of its arguments; the copies of object arguments are
 * pushed to `handed`, so the caller can scramble them once the call settled (§0.7: a store must not
 * keep the caller's objects) while its own originals stay intact.
 */
export function copyingRepos<R extends object>(repos: R, handed: object[]): R {
  const out: Record<string, unknown> = {}
  for (const [name, repo] of Object.entries(repos as Record<string, object>)) {
    const methods: Record<string, unknown> = {}
    for (const key of Object.keys(repo)) {
      const fn = (repo as Record<string, unknown>)[key]
      if (typeof fn !== 'function') continue
      methods[key] = (...args: unknown[]) => {
        const copies = args.map((a) => snapshot(a))
        for (const c of copies) if (c !== null && typeof c === 'object') handed.push(c)
        return (fn as (...a: unknown[]) => unknown).apply(repo, copies)
      }
    }
    out[name] = methods
  }
  return out as R
}
