/**
 * The linearizability decision for one partition of a history: a depth-first search in the style of
 * Wing & Gong as improved by Lowe, with memoisation on (set of linearized calls, model state).
 */

/** One entry of a partition: a call, or one row's share of a call that touches several rows. */
export interface Entry<Op> {
  /** Event index at which the call was invoked. */
  readonly invoke: number
  /** Event index at which it returned; `Infinity` when it may never have taken effect (unknown). */
  readonly ret: number
  /**
   * False for a call whose outcome is unknown (it failed with UNAVAILABLE): it may take effect at any
   * point after its invocation, or never, and its recorded result is not compared.
   */
  readonly known: boolean
  /** May be skipped, but if it takes effect it does so between `invoke` and `ret`. */
  readonly optional?: boolean
  readonly op: Op
  /**
   * Set on the per-row shares of one multi-row call: they are linearized one by one (§0.17), and
   * their contributions must add up to `total` (when known).
   */
  readonly group?: { readonly id: number; readonly total?: number }
}

/** The sequential specification the search checks against. */
export interface SearchSpec<S, Op> {
  readonly init: S
  /**
   * The state after `entry` takes effect in `state`, with the entry's share of its group total;
   * `undefined` when the entry's recorded result cannot follow from `state`.
   */
  step(state: S, entry: Entry<Op>): { readonly state: S; readonly share?: number } | undefined
  /** A string equal for equal states (memoisation key). */
  key(state: S): string
}

/** What the search found. */
export type SearchVerdict =
  | { readonly kind: 'linearizable'; readonly order: readonly number[]; readonly nodes: number }
  | { readonly kind: 'violation'; readonly nodes: number }
  | { readonly kind: 'undecided'; readonly nodes: number }

class BudgetExhausted extends Error {}

/**
 * How entries that share one `op` object relate: they are the visits of one row by one multi-row call
 * (§0.17: each row once at its own instant, once more if a new row took its key meanwhile). The
 * non-optional one is the visit every execution makes; the optional ones are extra visits.
 */
interface Visits {
  /** For an optional visit: the entry that must be decided before it (the visit before it). */
  readonly after: Int32Array
  /** For a non-optional visit: the spare optional visit it arms when it is discharged as a no-op. */
  readonly spare: Int32Array
}

function visitsOf<Op>(entries: readonly Entry<Op>[]): Visits {
  const after = new Int32Array(entries.length).fill(-1)
  const spare = new Int32Array(entries.length).fill(-1)
  const byOp = new Map<Op, number[]>()
  for (const [i, e] of entries.entries()) byOp.set(e.op, [...(byOp.get(e.op) ?? []), i])
  for (const same of byOp.values()) {
    const first = same.find((i) => (entries[i] as Entry<Op>).optional !== true)
    const extra = same.filter((i) => (entries[i] as Entry<Op>).optional === true)
    if (first === undefined || extra.length === 0) continue
    let previous = first
    for (const i of extra) {
      after[i] = previous
      previous = i
    }
    // With two optional visits, the second is the spare: usable only once the first visit was a no-op.
    if (extra.length >= 2) spare[first] = extra[extra.length - 1] as number
  }
  return { after, spare }
}

/**
 * Decides whether some order of `entries`, consistent with real time (an entry that returned before
 * another was invoked comes first), explains every known result under `spec`. Unknown and optional
 * entries may be left out. Explores at most `budget` search nodes, else answers `undecided`.
 *
 * Three reductions keep histories with multi-row calls small, none of which changes the answer:
 * - An optional entry never blocks others: it is left out implicitly once an entry invoked after it
 *   returned has been placed (placing it later would break real-time order), so no search node is spent
 *   on when to skip it.
 * - Visits of one row by one call go in order (an optional visit only after the visit before it):
 *   orders that differ only by which of two identical visits went first are one order.
 * - A non-optional visit that would change nothing where it can go now is placed now, without
 *   branching, and arms a spare optional visit: whatever it could have done later, the spare can. It
 *   is done only when placing it rules out no optional entry that could still go.
 */
export function searchLinearization<S, Op>(
  entries: readonly Entry<Op>[],
  spec: SearchSpec<S, Op>,
  budget: number,
): SearchVerdict {
  const n = entries.length
  const { after, spare } = visitsOf(entries)
  const spareOf = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) if ((spare[i] as number) >= 0) spareOf[spare[i] as number] = i
  const done = new Uint8Array(n)
  const armed = new Uint8Array(n)
  const order: number[] = []
  const failed = new Set<string>()
  const totals = new Map<number, number>()
  for (const e of entries) if (e.group?.total !== undefined) totals.set(e.group.id, e.group.total)
  const sums = new Map<number, number>()
  let required = entries.filter((e) => e.known && e.optional !== true).length
  let nodes = 0
  let mask = 0n
  let armedMask = 0n
  const maxInvoke: number[] = [-1]

  const sumsKey = (): string => [...sums].map(([id, sum]) => `${id}:${sum}`).join(',')
  const totalsMet = (): boolean => [...totals].every(([id, total]) => (sums.get(id) ?? 0) === total)

  /** Marks entry `i` placed, recurses, and undoes the mark. `arm`: it was discharged as a no-op. */
  const decide = (i: number, state: S, share: number | undefined, arm = false): boolean => {
    const entry = entries[i] as Entry<Op>
    const group = entry.group?.id
    const sumBefore = group === undefined ? 0 : (sums.get(group) ?? 0)
    if (group !== undefined && share !== undefined && share !== 0) {
      const total = totals.get(group)
      // Shares are never negative, so a sum past the total cannot come back.
      if (total !== undefined && sumBefore + share > total) return false
      sums.set(group, sumBefore + share)
    }
    done[i] = 1
    mask |= 1n << BigInt(i)
    const spareIndex = spare[i] as number
    if (arm && spareIndex >= 0) {
      armed[spareIndex] = 1
      armedMask |= 1n << BigInt(spareIndex)
    }
    const counted = entry.known && entry.optional !== true
    if (counted) required -= 1
    order.push(i)
    maxInvoke.push(Math.max(maxInvoke[maxInvoke.length - 1] as number, entry.invoke))
    const found = visit(state)
    if (!found) {
      maxInvoke.pop()
      order.pop()
      if (counted) required += 1
      if (arm && spareIndex >= 0) {
        armed[spareIndex] = 0
        armedMask &= ~(1n << BigInt(spareIndex))
      }
      mask &= ~(1n << BigInt(i))
      done[i] = 0
      if (group !== undefined) sums.set(group, sumBefore)
    }
    return found
  }

  /** Whether entry `i` may be placed next, given the earliest return among pending blockers. */
  const placeable = (i: number, minRet: number): boolean => {
    const entry = entries[i] as Entry<Op>
    if (done[i] === 1 || entry.invoke > minRet) return false
    if (entry.optional !== true) return true
    const before = after[i] as number
    if (before >= 0 && done[before] === 0) return false
    if ((spareOf[i] as number) >= 0 && armed[i] === 0) return false
    // An optional entry cannot follow an entry invoked after it returned.
    return entry.ret > (maxInvoke[maxInvoke.length - 1] as number)
  }

  const visit = (state: S): boolean => {
    if (required === 0 && totalsMet()) return true
    nodes += 1
    if (nodes > budget) throw new BudgetExhausted()
    const memo = `${mask.toString(36)}|${armedMask.toString(36)}|${sumsKey()}|${spec.key(state)}`
    if (failed.has(memo)) return false
    // Only non-optional entries block: none may go after an entry invoked once it had returned.
    let minRet = Infinity
    for (let i = 0; i < n; i++) {
      const entry = entries[i] as Entry<Op>
      if (done[i] === 0 && entry.optional !== true && entry.ret < minRet) minRet = entry.ret
    }
    const stateKey = spec.key(state)
    const noOp = (next: { readonly state: S; readonly share?: number } | undefined): boolean =>
      next !== undefined && (next.share ?? 0) === 0 && spec.key(next.state) === stateKey
    // Placing an entry rules out every optional entry that returned before it was invoked; a free
    // placement must not, so it is taken only when no such optional entry is still placeable.
    const latest = maxInvoke[maxInvoke.length - 1] as number
    let earliestOptionalRet = Infinity
    for (let i = 0; i < n; i++) {
      const entry = entries[i] as Entry<Op>
      if (done[i] === 0 && entry.optional === true && entry.ret > latest && entry.ret < earliestOptionalRet) {
        earliestOptionalRet = entry.ret
      }
    }
    for (let i = 0; i < n; i++) {
      if ((spare[i] as number) < 0 || !placeable(i, minRet)) continue
      if ((entries[i] as Entry<Op>).invoke > earliestOptionalRet) continue
      const next = spec.step(state, entries[i] as Entry<Op>)
      if (noOp(next)) {
        const found = decide(i, state, 0, true)
        if (!found) failed.add(memo)
        return found
      }
    }
    for (let i = 0; i < n; i++) {
      if (!placeable(i, minRet)) continue
      const entry = entries[i] as Entry<Op>
      const next = spec.step(state, entry)
      // An optional entry that would change nothing is the same as leaving it out.
      if (next === undefined || (entry.optional === true && noOp(next))) continue
      if (decide(i, next.state, next.share)) return true
    }
    failed.add(memo)
    return false
  }

  try {
    return visit(spec.init) ? { kind: 'linearizable', order, nodes } : { kind: 'violation', nodes }
  } catch (error) {
    if (error instanceof BudgetExhausted) return { kind: 'undecided', nodes }
    throw error
  }
}
