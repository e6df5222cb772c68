import {
  CONTRACT_REVISIONS,
  type ContractRevision,
  FrozenClock,
  isContractRevision,
  type Repos,
} from '@regstack/protocols'
import type { Store } from '../check.js'
import type { ConformanceTarget, MakeRepos } from '../types.js'
import type { CallRecorder } from './call-recorder.js'
import { describeValue } from './describe-value.js'
import { InfrastructureError } from './infrastructure-error.js'
import { NeverSettledError, seconds, settleWithin } from './never-settled.js'
import { viewForRevision } from './revision-view.js'

/**
 * The frozen clock starts one hour ahead of the real wall clock. Rows the suite dates "now" are then
 * still in the future for an engine that reaps by wall clock (Mongo TTL), so expiry checks stay exact
 * on such engines, and an adapter that reads the system clock instead of the injected one is caught.
 */
export const CLOCK_LEAD_MS: number = 60 * 60 * 1000

let sequence = 0

/**
 * Opens stores through `makeRepos` and remembers them so every one is closed. Whatever goes wrong in
 * `makeRepos` or `close` (a rejection, a malformed target, a call that never settles) is thrown as an
 * {@link InfrastructureError}: it is the surroundings of the adapter failing, not its behaviour.
 */
export class StorePool {
  readonly #makeRepos: MakeRepos
  readonly #runTag: string
  readonly #callTimeoutMs: number
  readonly #open = new Map<Store, ConformanceTarget>()

  /** @param callTimeoutMs - how long `makeRepos` and `close` may take before they count as hung. */
  constructor(makeRepos: MakeRepos, runTag: string, callTimeoutMs: number) {
    this.#makeRepos = makeRepos
    this.#runTag = runTag
    this.#callTimeoutMs = callTimeoutMs
  }

  /**
   * Opens a store whose repository calls (and fault hooks) `calls` records, its repositories seen as
   * a check of `revision` sees them.
   */
  async open(calls: CallRecorder, revision: ContractRevision): Promise<Store> {
    const clock = new FrozenClock(new Date(Math.floor(Date.now() / 1000) * 1000 + CLOCK_LEAD_MS))
    sequence += 1
    // Documented shape (ConformanceContext.namespace): [a-z0-9_], starts with a letter, ≤ 24 characters.
    const namespace = `rs_${this.#runTag}_${sequence % 1e12}`
    const call = `makeRepos({ namespace: ${describeValue(namespace)} })`
    let target: ConformanceTarget
    try {
      target = await settleWithin(
        calls.track(
          'makeRepos',
          [{ namespace }],
          async () => await this.#makeRepos({ clock, namespace }),
          true,
        ),
        this.#callTimeoutMs,
        () => new NeverSettledError(`${call} never settled within ${seconds(this.#callTimeoutMs)}`, [call]),
      )
    } catch (error) {
      throw new InfrastructureError(
        error instanceof NeverSettledError ? error.message : `${call} rejected: ${describeValue(error)}`,
        { cause: error },
      )
    }
    if (
      target === null ||
      typeof target !== 'object' ||
      target.repos === null ||
      typeof target.repos !== 'object'
    ) {
      throw new InfrastructureError(
        `makeRepos must resolve to a ConformanceTarget (an object with a \`repos\` property); got ${describeValue(target)}`,
      )
    }
    const declared: unknown = target.revision
    if (declared !== undefined && !isContractRevision(declared)) {
      throw new InfrastructureError(
        `makeRepos declared contract revision ${describeValue(declared)}; known revisions: ${CONTRACT_REVISIONS.join(', ')}`,
      )
    }
    const automaticExpiry = target.capabilities?.automaticExpiry === true
    const store: Store = {
      // A 2026-05 adapter's repos lack only what the 2026-07 checks look for; they fail saying so.
      repos: viewForRevision(calls.wrapRepos(target.repos as Repos), revision),
      revision,
      declaredRevision: declared,
      clock,
      namespace,
      automaticExpiry,
      faults: target.faults === undefined ? undefined : calls.wrapFaults(target.faults),
      mayBeReaped: (at: Date) => automaticExpiry && at.getTime() <= Date.now(),
    }
    this.#open.set(store, target)
    return store
  }

  /** Closes `store` (once); a rejection or a hang is an {@link InfrastructureError} naming its namespace. */
  async close(store: Store): Promise<void> {
    const target = this.#open.get(store)
    if (target === undefined) return
    this.#open.delete(store)
    if (target.close === undefined) return
    const call = `close() of store ${describeValue(store.namespace)}`
    const leftovers = `whatever it wrote may still be in the engine under namespace ${store.namespace}`
    try {
      await settleWithin(
        Promise.resolve().then(() => target.close?.()),
        this.#callTimeoutMs,
        () => new NeverSettledError(`${call} never settled within ${seconds(this.#callTimeoutMs)}`, [call]),
      )
    } catch (error) {
      const what =
        error instanceof NeverSettledError ? error.message : `${call} rejected: ${describeValue(error)}`
      throw new InfrastructureError(`${what}; ${leftovers}`, { cause: error })
    }
  }

  /** Closes every store still open, all at once; the first error is rethrown after all were tried. */
  async closeAll(): Promise<void> {
    const outcomes = await Promise.allSettled([...this.#open.keys()].map((store) => this.close(store)))
    const failed = outcomes.find((o) => o.status === 'rejected')
    if (failed !== undefined) throw failed.reason
  }
}

/** A short random tag that keeps namespaces of concurrent suite runs apart. */
export function newRunTag(): string {
  return Math.floor(Math.random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')
}
