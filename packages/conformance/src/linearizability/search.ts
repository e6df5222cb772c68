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
  readonly op: Op
  /**
   * Set on the per-row shares of one multi-row call: they are linearized one by one (§0.17), and
   * once all `size` shares are placed their contributions must add up to `total` (when known).
   */
  readonly group?: { readonly id: number; readonly size: number; readonly total?: number }
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
 * Decides whether some order of `entries`, consistent with real time (an entry that returned before
 * another was invoked comes first), explains every known result under `spec`. Unknown entries may be
 * left out. Explores at most `budget` search nodes, else answers `undecided`.
 */
export function searchLinearization<S, Op>(
  entries: readonly Entry<Op>[],
  spec: SearchSpec<S, Op>,
  budget: number,
): SearchVerdict {
  const n = entries.length
  const done = new Uint8Array(n)
  const order: number[] = []
  const failed = new Set<string>()
  const sums = new Map<number, { placed: number; sum: number }>()
  let required = entries.filter((e) => e.known).length
  let nodes = 0
  let mask = 0n

  const sumsKey = (): string =>
    [...sums]
      .filter(([id, s]) => s.placed > 0 && s.placed < (groupSize.get(id) ?? 0))
      .map(([id, s]) => `${id}:${s.sum}`)
      .join(',')
  const groupSize = new Map<number, number>()
  for (const e of entries) if (e.group !== undefined) groupSize.set(e.group.id, e.group.size)

  const visit = (state: S): boolean => {
    if (required === 0) return true
    nodes += 1
    if (nodes > budget) throw new BudgetExhausted()
    const memo = `${mask.toString(36)}|${sumsKey()}|${spec.key(state)}`
    if (failed.has(memo)) return false
    // An entry can go next only if no pending entry returned before it was invoked.
    let minRet = Infinity
    for (let i = 0; i < n; i++)
      if (done[i] === 0 && (entries[i] as Entry<Op>).ret < minRet) minRet = (entries[i] as Entry<Op>).ret
    for (let i = 0; i < n; i++) {
      const entry = entries[i] as Entry<Op>
      if (done[i] === 1 || entry.invoke > minRet) continue
      const next = spec.step(state, entry)
      if (next === undefined) continue
      const group = entry.group
      const before = group === undefined ? undefined : (sums.get(group.id) ?? { placed: 0, sum: 0 })
      if (group !== undefined && before !== undefined) {
        const after = { placed: before.placed + 1, sum: before.sum + (next.share ?? 0) }
        if (after.placed === group.size && group.total !== undefined && after.sum !== group.total) continue
        sums.set(group.id, after)
      }
      done[i] = 1
      mask |= 1n << BigInt(i)
      if (entry.known) required -= 1
      order.push(i)
      if (visit(next.state)) return true
      order.pop()
      if (entry.known) required += 1
      mask &= ~(1n << BigInt(i))
      done[i] = 0
      if (group !== undefined && before !== undefined) sums.set(group.id, before)
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
