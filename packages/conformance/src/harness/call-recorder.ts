import type { Repos } from '@regstack/protocols'
import type { ConformanceFaults } from '../types.js'
import { describeValue } from './describe-value.js'

/** A call into the target (a repository method, a hook, `makeRepos`, `close`) that has not settled yet. */
export interface PendingCall {
  /** The call as code, arguments included and shortened: `users.create({ email: "a@x.io", … })`. */
  readonly call: string
  /** How long it has been waiting, in milliseconds. */
  readonly ageMs: number
  /** `makeRepos` or `close`: the store pool times those itself and reports them as infrastructure. */
  readonly infrastructure: boolean
}

const REPO_NAMES: readonly (keyof Repos)[] = [
  'users',
  'pending',
  'blacklist',
  'attempts',
  'mfaCodes',
  'oauthIdentities',
  'oauthStates',
]

/** Longest rendering of a call's arguments before it is cut (reports stay readable). */
const MAX_ARGS_CHARS = 240

/**
 * Which call an error came out of. Filled only for errors without a string `code` (the unexpected
 * ones), so a failure report can name the call and its arguments instead of a bare `RangeError`.
 */
const thrownBy = new WeakMap<object, string>()

/** The call that rejected with `error` (or an error in its cause chain), when the recorder saw it. */
export function callThatThrew(error: unknown): string | undefined {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current)
    const call = thrownBy.get(current)
    if (call !== undefined) return call
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** A rejection the recorder saw, with the call it came from. */
export interface RecordedRejection {
  readonly call: string
  readonly error: unknown
}

/**
 * The suite's own view of every call a check makes into the target: which are still in flight (so a
 * hang names the call it is stuck in) and which rejected with `UNAVAILABLE` (so a dead engine is told
 * from a broken adapter). It wraps the repos a check sees, outside the adapter and its `guardRepos`,
 * and never changes what a call returns: the adapter's own promise is handed back untouched.
 */
export class CallRecorder {
  readonly #pending = new Map<
    number,
    { label: string; args: readonly unknown[]; started: number; infrastructure: boolean }
  >()
  #next = 0
  #unavailable: RecordedRejection | undefined

  /** The calls still in flight, oldest first. */
  pending(): PendingCall[] {
    const now = performance.now()
    return [...this.#pending.values()].map((p) => ({
      call: renderCall(p.label, p.args),
      ageMs: Math.round(now - p.started),
      infrastructure: p.infrastructure,
    }))
  }

  /** The first call that rejected with code `UNAVAILABLE` (the engine or its connection went away). */
  get unavailable(): RecordedRejection | undefined {
    return this.#unavailable
  }

  /**
   * Runs `invoke` as the call `label(args…)` and records it until it settles. Returns what `invoke`
   * returned (a synchronous throw is rethrown as is).
   * @param infrastructure - `makeRepos`/`close`: shown as pending, but timed by the store pool.
   */
  track<T>(label: string, args: readonly unknown[], invoke: () => T, infrastructure = false): T {
    const id = this.#next++
    this.#pending.set(id, { label, args, started: performance.now(), infrastructure })
    let result: T
    try {
      result = invoke()
    } catch (error) {
      this.#pending.delete(id)
      this.#sawRejection(label, args, error)
      throw error
    }
    if (!isThenable(result)) {
      this.#pending.delete(id)
      return result
    }
    // A lazy thenable (a query builder) runs again on every then(): adopt it once into a promise and
    // hand that back; a native promise is handed back as it is.
    const promise = result instanceof Promise ? result : Promise.resolve(result)
    promise.then(
      () => this.#pending.delete(id),
      (error: unknown) => {
        this.#pending.delete(id)
        this.#sawRejection(label, args, error)
      },
    )
    return promise as T
  }

  /** `repos` with every repository method recorded as `<repository>.<method>(…)`. */
  wrapRepos(repos: Repos): Repos {
    const wrapped = {} as Record<keyof Repos, unknown>
    // The seven by name too: a Repos built as a class exposes them as prototype getters, not own keys.
    const keys = new Set([...REPO_NAMES, ...(Object.keys(repos) as (keyof Repos)[])])
    for (const key of keys) {
      const repo = repos[key]
      wrapped[key] = typeof repo === 'object' && repo !== null ? this.#wrapObject(repo, key) : repo
    }
    return wrapped as unknown as Repos
  }

  /** The fault hooks with every call recorded as `faults.<hook>()`. */
  wrapFaults(faults: ConformanceFaults): ConformanceFaults {
    return this.#wrapObject(faults, 'faults')
  }

  #wrapObject<T extends object>(target: T, name: string): T {
    const cache = new Map<PropertyKey, unknown>()
    return new Proxy(target, {
      get: (t, property) => {
        const value: unknown = Reflect.get(t, property, t)
        if (typeof value !== 'function' || typeof property === 'symbol') return value
        let wrapper = cache.get(property)
        if (wrapper === undefined) {
          const label = `${name}.${property}`
          wrapper = (...args: unknown[]) =>
            this.track(label, args, () => (value as (...a: unknown[]) => unknown).apply(t, args))
          cache.set(property, wrapper)
        }
        return wrapper
      },
    })
  }

  #sawRejection(label: string, args: readonly unknown[], error: unknown): void {
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'UNAVAILABLE') this.#unavailable ??= { call: renderCall(label, args), error }
    if (typeof code !== 'string' && typeof error === 'object' && error !== null && !thrownBy.has(error)) {
      thrownBy.set(error, renderCall(label, args))
    }
  }
}

/** `label(arg1, arg2)`, each argument printed as code and the whole cut to a readable length. */
export function renderCall(label: string, args: readonly unknown[]): string {
  let rendered = args.map((a) => describeValue(a)).join(', ')
  if (rendered.length > MAX_ARGS_CHARS) rendered = `${rendered.slice(0, MAX_ARGS_CHARS)}…`
  return `${label}(${rendered})`
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}
