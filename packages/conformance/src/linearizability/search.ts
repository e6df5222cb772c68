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
 * Decides whether some order of `entries`, consistent with real time (an entry that returned before
 * another was invoked comes first), explains every known result under `spec`. Unknown and optional
 * entries may be left out. Explores at most `budget` search nodes, else answers `undecided`.
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
  const totals = new Map<number, number>()
  for (const e of entries) if (e.group?.total !== undefined) totals.set(e.group.id, e.group.total)
  const sums = new Map<number, number>()
  let required = entries.filter((e) => e.known && e.optional !== true).length
  let nodes = 0
  let mask = 0n

  const sumsKey = (): string => [...sums].map(([id, sum]) => `${id}:${sum}`).join(',')
  const totalsMet = (): boolean => [...totals].every(([id, total]) => (sums.get(id) ?? 0) === total)

  /** Marks entry `i` decided (applied or skipped), recurses, and undoes the mark. */
  const decide = (i: number, state: S, share: number | undefined): boolean => {
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
    const counted = entry.known && entry.optional !== true
    if (counted) required -= 1
    order.push(i)
    const found = visit(state)
    if (!found) {
      order.pop()
      if (counted) required += 1
      mask &= ~(1n << BigInt(i))
      done[i] = 0
      if (group !== undefined) sums.set(group, sumBefore)
    }
    return found
  }

  const visit = (state: S): boolean => {
    if (required === 0 && totalsMet()) return true
    nodes += 1
    if (nodes > budget) throw new BudgetExhausted()
    const memo = `${mask.toString(36)}|${sumsKey()}|${spec.key(state)}`
    if (failed.has(memo)) return false
    // An entry can go next only if no pending entry returned before it was invoked.
    let minRet = Infinity
    for (let i = 0; i < n; i++) {
      const ret = (entries[i] as Entry<Op>).ret
      if (done[i] === 0 && ret < minRet) minRet = ret
    }
    for (let i = 0; i < n; i++) {
      const entry = entries[i] as Entry<Op>
      if (done[i] === 1 || entry.invoke > minRet) continue
      const next = spec.step(state, entry)
      if (next !== undefined && decide(i, next.state, next.share)) return true
      if (entry.optional === true && decide(i, state, undefined)) return true
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
