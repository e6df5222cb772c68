/** A small soak on the in-process engines: the invariants hold and nothing unexpected is thrown. */

import { createMemoryRepos } from '@regstack/adapter-memory'
import { type EngineTarget, knexTarget, memoryTarget } from '@regstack/main-job'
import { describe, expect, it } from 'vitest'
import { runSoak } from '../src/soak/run-soak.js'

/** A memory store that silently drops every 25th login failure and hands every 10th state out twice. */
const leaky: EngineTarget = {
  ...memoryTarget(),
  id: 'leaky-memory',
  makeRepos: ({ clock }) => {
    const repos = createMemoryRepos({ clock })
    let failures = 0
    let consumes = 0
    return {
      repos: {
        ...repos,
        attempts: {
          ...repos.attempts,
          recordFailure: async (email, opts) => {
            if (++failures % 25 !== 0) await repos.attempts.recordFailure(email, opts)
          },
        },
        oauthStates: {
          ...repos.oauthStates,
          consume: async (id) =>
            ++consumes % 10 === 0 ? await repos.oauthStates.find(id) : await repos.oauthStates.consume(id),
        },
      },
    }
  },
}

describe('soak (smoke size)', () => {
  it('memory: 2,000 mixed operations by 64 callers keep every invariant', async () => {
    const result = await runSoak(memoryTarget(), { ops: 2_000, concurrency: 64, timeLimitMs: 30_000 })
    expect(result.unexpectedErrors).toEqual({})
    expect(result.invariants.filter((i) => !i.ok)).toEqual([])
    expect(result.opsDone).toBe(2_000)
  })

  it('SQLite :memory:: 2,000 mixed operations by 64 callers keep every invariant', async () => {
    const target = await knexTarget('sqlite-memory')
    try {
      const result = await runSoak(target, { ops: 2_000, concurrency: 64, timeLimitMs: 30_000 })
      expect(result.unexpectedErrors).toEqual({})
      expect(result.invariants.filter((i) => !i.ok)).toEqual([])
      expect(result.opsDone).toBe(2_000)
    } finally {
      await target.teardown()
    }
  })

  it('catches a store that loses login failures and hands states out twice', async () => {
    const result = await runSoak(leaky, { ops: 2_000, concurrency: 64, timeLimitMs: 30_000 })
    expect(result.ok).toBe(false)
    expect(result.invariants.filter((i) => !i.ok).map((i) => i.name)).toEqual([
      'every recorded login failure counted',
      'every OAuth state handed out exactly once',
    ])
  })
})
