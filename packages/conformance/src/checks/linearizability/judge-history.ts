import type { ContractRevision } from '@regstack/protocols'
import { type CallEntries, minimizeViolation } from '../../linearizability/minimize.js'
import {
  type Entry,
  type SearchSpec,
  type SearchVerdict,
  searchLinearization,
} from '../../linearizability/search.js'
import { Oracle } from '../../oracle/oracle.js'
import { compareOutcome, predict } from '../model/outcome.js'
import type { RepoName } from './lin-op.js'
import type { RecordedCall } from './run-history.js'

/** What an entry of the search stands for: a recorded call, or one row's share of a multi-row call. */
export interface Share {
  readonly call: RecordedCall
  readonly row?: string
}

/** How a history was judged. */
export type Judgement =
  | { readonly kind: 'linearizable'; readonly nodes: number }
  | {
      readonly kind: 'violation' | 'undecided'
      readonly repo: RepoName
      readonly nodes: number
      /** For a violation: the smallest set of calls found that cannot be linearized on its own. */
      readonly calls: readonly RecordedCall[]
    }

/** When a call may still take effect: an unknown one (failed with UNAVAILABLE) at any later time. */
const end = (c: RecordedCall): number => (c.unknown ? Infinity : c.ret)
const overlaps = (a: RecordedCall, b: RecordedCall): boolean => a.invoke < end(b) && b.invoke < end(a)

/** The search entries of one repository: unknown calls open-ended, multi-row writes split per row. */
export function entriesOf(calls: readonly RecordedCall[]): CallEntries<Share>[] {
  const writes = calls.filter((c) => c.op.kind === 'write' || c.op.kind === 'multi-write')
  const out: CallEntries<Share>[] = []
  for (const call of calls) {
    const known = !call.unknown
    const base = { invoke: call.invoke, ret: known ? call.ret : Infinity, known }
    const { kind, rows } = call.op
    if (kind === 'multi-read') {
      // Exact only while no write to its rows is in flight (§0.17); otherwise left unconstrained.
      if (!known || writes.some((w) => overlaps(w, call))) continue
      out.push({ call: call.id, entries: [{ ...base, op: { call } }] })
    } else if (kind === 'multi-write' && rows !== undefined && (call.unknown || call.actual.ok)) {
      // Row by row (§0.17): each row once at its own instant, and once more if a new row took its key
      // meanwhile (a scan can meet the new document too). The returned count is checked only when no
      // other write overlaps the call: then every row-by-row execution counts exactly the same rows.
      // The three entries of a row share one op object, which tells the search they are one row's
      // visits: the visit every execution makes, the extra one, and a spare the search arms when it
      // places the first visit where it changes nothing.
      const value = call.actual.ok ? call.actual.value : undefined
      const alone = !writes.some((w) => w !== call && overlaps(w, call))
      const total = known && alone && typeof value === 'number' ? value : undefined
      const group = { id: call.id, ...(total === undefined ? {} : { total }) }
      out.push({
        call: call.id,
        entries: rows.flatMap((row) => {
          const op = { call, row }
          return [
            { ...base, op, group },
            { ...base, op, group, optional: true },
            { ...base, op, group, optional: true },
          ]
        }),
      })
    } else {
      out.push({ call: call.id, entries: [{ ...base, op: { call } }] })
    }
  }
  return out
}

/**
 * The calls a person needs to read a violation: the irreducible core, plus every call that overlaps a
 * core call in time. A torn read is unexplainable with or without the write that tore it, so the core
 * alone may omit that write; the overlapping calls put it back on the timeline.
 */
function withContext(calls: readonly RecordedCall[], core: ReadonlySet<number>): RecordedCall[] {
  const central = calls.filter((c) => core.has(c.id) && c.caller >= 0)
  return calls.filter((c) => core.has(c.id) || central.some((k) => overlaps(k, c)))
}

/** The oracle of `revision` as the sequential specification of one repository. */
export function repoSpec(repo: RepoName, revision?: ContractRevision): SearchSpec<Oracle, Share> {
  const epoch = new Date(0)
  return {
    init: new Oracle(() => epoch, revision),
    step(state, entry: Entry<Share>) {
      const { call, row } = entry.op
      const now = new Date(call.nowMs)
      const next = state.clone(() => new Date(now.getTime()))
      const expected = predict(() => call.op.predict(next, call.actual, row))
      if (row !== undefined) return { state: next, share: expected.ok ? Number(expected.value) : 0 }
      if (entry.known && compareOutcome(call.actual, expected, call.nowMs) !== undefined) return undefined
      return { state: next }
    },
    key: (state) => JSON.stringify(state[repo].state()),
  }
}

/**
 * Decides a recorded history repository by repository (each is a product of rows with respect to
 * the calls generated here, so P-compositionality applies) within `budget` search nodes each, under
 * the oracle of `revision` (the revision the store is seen as; default the newest).
 */
export function judgeHistory(
  calls: readonly RecordedCall[],
  budget: number,
  revision?: ContractRevision,
): Judgement {
  let nodes = 0
  const repos = [...new Set(calls.map((c) => c.op.repo))]
  for (const repo of repos) {
    const mine = calls.filter((c) => c.op.repo === repo)
    const parts = entriesOf(mine)
    const spec = repoSpec(repo, revision)
    const decide = (entries: readonly Entry<Share>[]): SearchVerdict =>
      searchLinearization(entries, spec, budget)
    const verdict = decide(parts.flatMap((p) => p.entries))
    nodes += verdict.nodes
    if (verdict.kind === 'linearizable') continue
    if (verdict.kind === 'undecided') return { kind: 'undecided', repo, nodes, calls: mine }
    const setup = new Set(mine.filter((c) => c.caller < 0).map((c) => c.id))
    const core = minimizeViolation(parts, decide, (p) => setup.has(p.call))
    return { kind: 'violation', repo, nodes, calls: withContext(mine, new Set(core.map((p) => p.call))) }
  }
  return { kind: 'linearizable', nodes }
}
