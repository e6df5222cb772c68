import type { Entry, SearchVerdict } from './search.js'

/** The entries one recorded call contributes to a partition (several for a multi-row call). */
export interface CallEntries<Op> {
  readonly call: number
  readonly entries: readonly Entry<Op>[]
}

/** The same entries with an unknown outcome: they may take effect or not, and their results are not compared. */
function unknown<Op>(entries: readonly Entry<Op>[]): Entry<Op>[] {
  return entries.map((e) => ({
    invoke: e.invoke,
    ret: Infinity,
    known: false,
    op: e.op,
    ...(e.group === undefined ? {} : { group: { id: e.group.id } }),
  }))
}

/**
 * Shrinks a non-linearizable set of calls to a small one that is still non-linearizable on its own.
 * A call is dropped only if the rest stays non-linearizable with that call's outcome unknown (it may or
 * may not take effect, anywhere after its invocation), which proves the call cannot explain the
 * violation away; leaving it out entirely is one of those possibilities, so the remainder fails alone.
 * Latest calls are tried first, so what remains is an early, short stretch of the history. Calls
 * `fixed` marks (set-up the reader needs to follow the rest) are never dropped.
 */
export function minimizeViolation<Op>(
  calls: readonly CallEntries<Op>[],
  decide: (entries: readonly Entry<Op>[]) => SearchVerdict,
  fixed: (call: CallEntries<Op>) => boolean = () => false,
): CallEntries<Op>[] {
  let kept = [...calls]
  for (let i = kept.length - 1; i >= 0; i--) {
    const candidate = kept[i] as CallEntries<Op>
    if (fixed(candidate)) continue
    const rest = kept.filter((_, j) => j !== i)
    const trial = [...rest.flatMap((c) => c.entries), ...unknown(candidate.entries)]
    if (decide(trial).kind === 'violation') kept = rest
  }
  return kept
}
