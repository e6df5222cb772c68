import { describe, expect, it } from 'vitest'
import { counterIds } from '../src/index.js'

describe('counterIds', () => {
  it('writes the counter as 24 lower-case hex digits, zero-padded', () => {
    const next = counterIds()
    expect(next()).toBe(`${'0'.repeat(23)}1`)
    const ids = Array.from({ length: 70_000 }, next)
    expect(ids[253]).toBe(`${'0'.repeat(22)}ff`)
    expect(ids[65_534]).toBe(`${'0'.repeat(19)}10000`)
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(/^[0-9a-f]{24}$/)
      expect(Number.parseInt(id, 16)).toBe(i + 2)
    }
  })

  it('counts per store, so two stores never share state', () => {
    const a = counterIds()
    const b = counterIds()
    a()
    expect(b()).toBe(`${'0'.repeat(23)}1`)
  })
})
