import { describe, expect, it } from 'vitest'
import { minimizeViolation } from '../src/linearizability/minimize.js'
import { type Entry, type SearchSpec, searchLinearization } from '../src/linearizability/search.js'

/** A register: `write v` sets it, `read → v` must see it; `purge` empties it and shares 1 if it held something. */
interface RegisterOp {
  readonly kind: 'write' | 'read' | 'purge'
  readonly value: number
}

const register: SearchSpec<number, RegisterOp> = {
  init: 0,
  step(state, entry) {
    const { kind, value } = entry.op
    if (kind === 'write') return { state: value }
    if (kind === 'purge') return { state: 0, share: state === 0 ? 0 : 1 }
    return !entry.known || value === state ? { state } : undefined
  },
  key: (state) => String(state),
}

const call = (invoke: number, ret: number, kind: RegisterOp['kind'], value = 0): Entry<RegisterOp> => ({
  invoke,
  ret,
  known: true,
  op: { kind, value },
})

describe('searchLinearization', () => {
  it('accepts a read that overlaps a write and sees either value', () => {
    for (const seen of [0, 1]) {
      const verdict = searchLinearization([call(0, 3, 'write', 1), call(1, 2, 'read', seen)], register, 1000)
      expect(verdict.kind).toBe('linearizable')
    }
  })

  it('rejects a read of the old value after the write returned', () => {
    const verdict = searchLinearization([call(0, 1, 'write', 1), call(2, 3, 'read', 0)], register, 1000)
    expect(verdict.kind).toBe('violation')
  })

  it('rejects two sequential reads that see a write undone (new, then old)', () => {
    const entries = [call(0, 9, 'write', 1), call(1, 2, 'read', 1), call(3, 4, 'read', 0)]
    expect(searchLinearization(entries, register, 1000).kind).toBe('violation')
  })

  it('lets an unknown write take effect, or not', () => {
    const unknown: Entry<RegisterOp> = {
      invoke: 0,
      ret: Infinity,
      known: false,
      op: { kind: 'write', value: 5 },
    }
    expect(searchLinearization([unknown, call(2, 3, 'read', 5)], register, 1000).kind).toBe('linearizable')
    expect(searchLinearization([unknown, call(2, 3, 'read', 0)], register, 1000).kind).toBe('linearizable')
    expect(searchLinearization([unknown, call(2, 3, 'read', 7)], register, 1000).kind).toBe('violation')
  })

  it('checks a group total across shares, optional shares included', () => {
    const share = (optional: boolean, total: number): Entry<RegisterOp> => ({
      ...call(1, 6, 'purge'),
      group: { id: 1, total },
      ...(optional ? { optional } : {}),
    })
    const before = call(0, 1, 'write', 4)
    // The register held 4, a write of 3 overlaps the purge: the purge may hit the key once or twice.
    const overlapping = call(2, 3, 'write', 3)
    for (const total of [1, 2]) {
      const verdict = searchLinearization(
        [before, share(false, total), share(true, total), overlapping],
        register,
        1000,
      )
      expect(verdict.kind, `total ${total}`).toBe('linearizable')
    }
    const three = searchLinearization([before, share(false, 3), share(true, 3), overlapping], register, 1000)
    expect(three.kind).toBe('violation')
  })

  it('answers undecided when the budget runs out, never linearizable', () => {
    const many = Array.from({ length: 12 }, (_, i) => call(0, 100 + i, 'write', i))
    const verdict = searchLinearization([...many, call(200, 201, 'read', 99)], register, 50)
    expect(verdict.kind).toBe('undecided')
  })
})

describe('minimizeViolation', () => {
  it('keeps only the calls that make the history fail', () => {
    const calls = [
      { call: 0, entries: [call(0, 1, 'write', 1)] },
      { call: 1, entries: [call(2, 3, 'write', 2)] },
      { call: 2, entries: [call(4, 5, 'read', 2)] },
      { call: 3, entries: [call(6, 7, 'read', 1)] },
      { call: 4, entries: [call(8, 9, 'read', 1)] },
    ]
    const decide = (entries: readonly Entry<RegisterOp>[]) => searchLinearization(entries, register, 1000)
    const kept = minimizeViolation(calls, decide).map((c) => c.call)
    expect(decide(calls.filter((c) => kept.includes(c.call)).flatMap((c) => c.entries)).kind).toBe(
      'violation',
    )
    expect(kept.length).toBeLessThan(calls.length)
    expect(kept).toContain(3)
  })
})
