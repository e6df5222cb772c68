import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Entry, type SearchSpec, searchLinearization } from '../src/linearizability/search.js'

/**
 * The search prunes (optional entries never block, visits of one row go in order, a visit that changes
 * nothing is placed at once and arms a spare). These tests hold it to the definition, decided by brute
 * force on small histories: some subset holding every known non-optional entry, in an order where no
 * entry comes after one invoked after it returned, explains every known result and every group total.
 */

/** Two keys holding numbers; a purge visit of a key empties it when it holds an odd number. */
type Keys = Readonly<Record<'a' | 'b', number>>
interface KeyOp {
  readonly kind: 'write' | 'read' | 'purge'
  readonly key: 'a' | 'b'
  readonly value: number
}

const keys: SearchSpec<Keys, KeyOp> = {
  init: { a: 0, b: 0 },
  step(state, entry) {
    const { kind, key, value } = entry.op
    if (kind === 'write') return { state: { ...state, [key]: value } }
    if (kind === 'purge') {
      const hit = state[key] % 2 === 1
      return { state: hit ? { ...state, [key]: 0 } : state, share: hit ? 1 : 0 }
    }
    return !entry.known || state[key] === value ? { state } : undefined
  },
  key: (state) => `${state.a},${state.b}`,
}

/** The definition, by exhaustive search (no pruning; a dead end is remembered exactly as it was reached). */
function bruteForce(entries: readonly Entry<KeyOp>[]): boolean {
  const placed = new Uint8Array(entries.length)
  const sums = new Map<number, number>()
  const dead = new Set<string>()
  const visit = (state: Keys, latestInvoke: number): boolean => {
    const memo = `${placed.join('')}|${latestInvoke}|${[...sums].join(';')}|${keys.key(state)}`
    if (dead.has(memo)) return false
    const complete = entries.every((e, i) => placed[i] === 1 || !e.known || e.optional === true)
    const totalsMet = entries.every(
      (e) => e.group?.total === undefined || (sums.get(e.group.id) ?? 0) === e.group.total,
    )
    if (complete && totalsMet) return true
    for (const [i, e] of entries.entries()) {
      if (placed[i] === 1 || e.ret < latestInvoke) continue
      const next = keys.step(state, e)
      if (next === undefined) continue
      const group = e.group?.id
      const before = group === undefined ? 0 : (sums.get(group) ?? 0)
      if (group !== undefined) sums.set(group, before + (next.share ?? 0))
      placed[i] = 1
      if (visit(next.state, Math.max(latestInvoke, e.invoke))) return true
      placed[i] = 0
      if (group !== undefined) sums.set(group, before)
    }
    dead.add(memo)
    return false
  }
  return visit(keys.init, -1)
}

/** A call as the linearizability area builds it: a purge is one visit per key, plus two optional ones. */
interface CallSpec {
  readonly kind: KeyOp['kind']
  readonly key: 'a' | 'b'
  readonly value: number
  readonly start: number
  readonly length: number
  readonly unknown: boolean
  readonly total: number | undefined
}

function entriesOf(calls: readonly CallSpec[], spares: boolean): Entry<KeyOp>[] {
  // Distinct event indices: invoke at 2·start (+ call index to break ties), return after it.
  return calls.flatMap((c, id) => {
    const invoke = (c.start * calls.length + id) * 2
    const ret = c.unknown ? Infinity : invoke + (c.length * calls.length + 1) * 2 + 1
    const base = { invoke, ret, known: !c.unknown }
    if (c.kind !== 'purge') return [{ ...base, op: { kind: c.kind, key: c.key, value: c.value } }]
    const group = { id, ...(c.total === undefined || c.unknown ? {} : { total: c.total }) }
    return (['a', 'b'] as const).flatMap((key) => {
      const op: KeyOp = { kind: 'purge', key, value: 0 }
      const visits: Entry<KeyOp>[] = [
        { ...base, op, group },
        { ...base, op, group, optional: true },
      ]
      return spares ? [...visits, { ...base, op, group, optional: true }] : visits
    })
  })
}

const callSpec: fc.Arbitrary<CallSpec> = fc.record({
  kind: fc.constantFrom('write', 'read', 'purge'),
  key: fc.constantFrom('a', 'b'),
  value: fc.integer({ min: 0, max: 3 }),
  start: fc.nat(4),
  length: fc.nat(3),
  unknown: fc.constantFrom(false, false, false, true),
  total: fc.option(fc.nat(2), { nil: undefined }),
})

describe('searchLinearization reductions', () => {
  it('agree with the definition on small histories with multi-key purges and unknown calls', () => {
    let linearizable = 0
    let violations = 0
    fc.assert(
      fc.property(fc.array(callSpec, { minLength: 1, maxLength: 5 }), (calls) => {
        // The definition, with one optional extra visit per key; the search, with the spare as well.
        const expected = bruteForce(entriesOf(calls, false))
        const verdict = searchLinearization(entriesOf(calls, true), keys, 1_000_000)
        expect(verdict.kind).toBe(expected ? 'linearizable' : 'violation')
        if (expected) linearizable += 1
        else violations += 1
      }),
      { numRuns: 500, seed: 20261204 },
    )
    // Both answers must occur, or the comparison would prove nothing.
    expect(linearizable).toBeGreaterThan(50)
    expect(violations).toBeGreaterThan(50)
  })

  it('never places a free visit where it would rule out an optional visit still needed', () => {
    // P1 (total 1) must delete W's odd value with its extra visit, after W; P2 starts after P1
    // returned and changes nothing. Placing P2's first visit early would forbid P1's later visit.
    const purge = (invoke: number, ret: number, id: number, total?: number): Entry<KeyOp>[] => {
      const op: KeyOp = { kind: 'purge', key: 'a', value: 0 }
      const group = { id, ...(total === undefined ? {} : { total }) }
      const base = { invoke, ret, known: true, op, group }
      return [base, { ...base, optional: true }, { ...base, optional: true }]
    }
    const write: Entry<KeyOp> = { invoke: 0, ret: 10, known: true, op: { kind: 'write', key: 'a', value: 1 } }
    const entries = [write, ...purge(1, 3, 1, 1), ...purge(5, 12, 2)]
    expect(searchLinearization(entries, keys, 10_000).kind).toBe('linearizable')
    expect(searchLinearization([write, ...purge(1, 3, 1, 2), ...purge(5, 12, 2)], keys, 10_000).kind).toBe(
      'violation',
    )
  })

  it('decides many concurrent purges of absent rows in few nodes', () => {
    // Twelve purges over two keys overlap one write: before the reductions this took millions of nodes.
    const calls: CallSpec[] = Array.from({ length: 12 }, (_, i) => ({
      kind: 'purge',
      key: 'a',
      value: 0,
      start: i % 3,
      length: 3,
      unknown: false,
      total: undefined,
    }))
    const write: CallSpec = { ...calls[0], kind: 'write', key: 'b', value: 2 } as CallSpec
    const read: CallSpec = {
      kind: 'read',
      key: 'b',
      value: 2,
      start: 9,
      length: 0,
      unknown: false,
      total: undefined,
    }
    const verdict = searchLinearization(entriesOf([...calls, write, read], true), keys, 200_000)
    expect(verdict.kind).toBe('linearizable')
    expect(verdict.nodes).toBeLessThan(2_000)
  })
})
