import { describe, expect, it } from 'vitest'
import { FrozenClock, SystemClock } from '../src/index.js'
import { T0 } from './support/fixtures.js'

describe('FrozenClock', () => {
  it('stands still until advanced or set', () => {
    const clock = new FrozenClock(T0)
    expect(clock.now()).toEqual(T0)
    expect(clock.now()).toEqual(T0)
    clock.advance(1500)
    expect(clock.now().getTime()).toBe(T0.getTime() + 1500)
    clock.advance(-500)
    expect(clock.now().getTime()).toBe(T0.getTime() + 1000)
    clock.set(new Date(0))
    expect(clock.now().getTime()).toBe(0)
  })

  it('returns a fresh Date every call and is not affected by mutating its inputs or outputs', () => {
    const start = new Date(T0)
    const clock = new FrozenClock(start)
    const a = clock.now()
    expect(clock.now()).not.toBe(a)
    a.setTime(1)
    start.setTime(2)
    expect(clock.now()).toEqual(T0)
  })

  it('defaults to the wall clock at construction', () => {
    const before = Date.now()
    const t = new FrozenClock().now().getTime()
    expect(t).toBeGreaterThanOrEqual(before)
    expect(t).toBeLessThanOrEqual(Date.now())
  })

  it('rejects invalid instants and steps', () => {
    expect(() => new FrozenClock(new Date(Number.NaN))).toThrow(RangeError)
    const clock = new FrozenClock(T0)
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError)
    expect(() => clock.advance(Infinity)).toThrow(RangeError)
    expect(() => clock.set(new Date(Number.NaN))).toThrow(RangeError)
    expect(clock.now()).toEqual(T0)
  })
})

describe('SystemClock', () => {
  it('reads the wall clock as a fresh Date', () => {
    const clock = new SystemClock()
    const before = Date.now()
    const a = clock.now()
    expect(a.getTime()).toBeGreaterThanOrEqual(before)
    expect(a.getTime()).toBeLessThanOrEqual(Date.now())
    expect(clock.now()).not.toBe(a)
  })
})
