/** The bench builds each call's arguments before timing; what it hands over must equal what it built. */
import { createMemoryRepos } from '@regstack/adapter-memory'
import { FrozenClock } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
import { configForEngine, parseArgs } from '../src/bench/bench-config.js'
import { type OpFixture, prebuilt } from '../src/bench/op-spec.js'

const clock = new FrozenClock(new Date('2026-01-15T12:00:00.000Z'))
const fixture = (n: number): OpFixture => ({ repos: createMemoryRepos({ clock }), clock, n, tag: 't1' })

describe('prebuilt', () => {
  it('hands out one argument per index, equal to what make built', () => {
    const made: unknown[] = []
    const arg = prebuilt(fixture(4), (i) => {
      const value = { email: `p${i}-t1@bench.test`, at: new Date(1_000 * i), n: i, none: null }
      made.push(value)
      return value
    })
    for (let i = 0; i < 4; i++) expect(arg(i)).toStrictEqual(made[i])
    expect(made).toHaveLength(4)
  })

  it('keeps Dates as the same objects and copies strings by value, lone surrogates included', () => {
    const at = new Date(5)
    const arg = prebuilt(fixture(1), () => ({ at, s: `a\uD800${'b'.padEnd(3, 'c')}` }))
    expect(arg(0).at).toBe(at)
    expect(arg(0).s).toBe('a\uD800bcc')
    expect(prebuilt(fixture(1), (i) => `k${i}`.padEnd(5, '0'))(0)).toBe('k0000')
  })
})

describe('configForEngine', () => {
  it('gives an in-process engine its longer warm-up and series, and leaves SQL engines alone', () => {
    const { config } = parseArgs([])
    expect(configForEngine(config, false)).toBe(config)
    const inProcess = configForEngine(config, true)
    expect(inProcess.warmup).toBe(config.inProcess.warmup)
    expect(inProcess.sequential.iterations).toBe(config.inProcess.sequentialIterations)
    expect(inProcess.concurrent).toEqual(config.concurrent)
  })
})
