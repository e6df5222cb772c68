import { FrozenClock } from '@regstack/protocols'
import type { Store } from '../check.js'
import type { ConformanceTarget, MakeRepos } from '../types.js'

/**
 * The frozen clock starts one hour ahead of the real wall clock. Rows the suite dates "now" are then
 * still in the future for an engine that reaps by wall clock (Mongo TTL), so expiry checks stay exact
 * on such engines, and an adapter that reads the system clock instead of the injected one is caught.
 */
export const CLOCK_LEAD_MS: number = 60 * 60 * 1000

let sequence = 0

/** Opens stores through `makeRepos` and remembers them so every one is closed. */
export class StorePool {
  readonly #makeRepos: MakeRepos
  readonly #runTag: string
  readonly #open = new Map<Store, ConformanceTarget>()

  constructor(makeRepos: MakeRepos, runTag: string) {
    this.#makeRepos = makeRepos
    this.#runTag = runTag
  }

  async open(): Promise<Store> {
    const clock = new FrozenClock(new Date(Math.floor(Date.now() / 1000) * 1000 + CLOCK_LEAD_MS))
    sequence += 1
    const namespace = `rs_${this.#runTag}_${sequence}`
    const target = await this.#makeRepos({ clock, namespace })
    if (
      target === null ||
      typeof target !== 'object' ||
      target.repos === null ||
      typeof target.repos !== 'object'
    ) {
      throw new TypeError('makeRepos must resolve to a ConformanceTarget: an object with a `repos` property')
    }
    const automaticExpiry = target.capabilities?.automaticExpiry === true
    const store: Store = {
      repos: target.repos,
      clock,
      namespace,
      automaticExpiry,
      faults: target.faults,
      mayBeReaped: (at: Date) => automaticExpiry && at.getTime() <= Date.now(),
    }
    this.#open.set(store, target)
    return store
  }

  async close(store: Store): Promise<void> {
    const target = this.#open.get(store)
    if (target === undefined) return
    this.#open.delete(store)
    await target.close?.()
  }

  /** Closes every store still open; the first close error is rethrown after all were tried. */
  async closeAll(): Promise<void> {
    let firstError: unknown
    for (const store of [...this.#open.keys()]) {
      try {
        await this.close(store)
      } catch (error) {
        firstError ??= error
      }
    }
    if (firstError !== undefined) throw firstError
  }
}

/** A short random tag that keeps namespaces of concurrent suite runs apart. */
export function newRunTag(): string {
  return Math.floor(Math.random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')
}
