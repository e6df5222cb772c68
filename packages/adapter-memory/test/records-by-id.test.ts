import { describe, expect, it } from 'vitest'
import { type RecordsById, recordsInMap, recordsInSlots } from '../src/records-by-id.js'

interface Row {
  readonly id: string
  readonly n: number
}

/** Opaque ids, as a caller's `generateId` might make them. */
function customIds(): () => string {
  let k = 0
  return () => {
    k += 1
    return `custom-${k}`
  }
}

const kinds: readonly [string, () => RecordsById<Row>][] = [
  ['slots', () => recordsInSlots<Row>()],
  ['map', () => recordsInMap<Row>(customIds())],
]

describe.each(kinds)('records by id (%s)', (_, make) => {
  it('finds each added record by the id it was given, and forgets deleted ones', () => {
    const records = make()
    const added = Array.from({ length: 300 }, (_, n) => records.add((id) => ({ id, n })))
    expect(new Set(added.map((r) => r.id)).size).toBe(300)
    for (const r of added) expect(records.get(r.id)).toBe(r)
    for (const r of added.filter((r) => r.n % 3 === 0)) records.delete(r.id)
    records.delete(added[0]?.id ?? '')
    records.delete('no such id')
    expect(records.size).toBe(200)
    expect([...records.values()]).toEqual(added.filter((r) => r.n % 3 !== 0))
    for (const r of added) expect(records.get(r.id)).toBe(r.n % 3 === 0 ? undefined : r)
  })
})

describe('records in slots', () => {
  it('finds a record only by the exact id the counter wrote', () => {
    const records = recordsInSlots<Row>()
    const rows = Array.from({ length: 20 }, (_, n) => records.add((id) => ({ id, n })))
    const row = rows[10] as Row
    expect(row.id).toBe(`${'0'.repeat(23)}b`)
    for (const other of [
      `${'0'.repeat(23)}B`,
      `0x${'0'.repeat(21)}b`,
      ` ${'0'.repeat(22)}b`,
      `+${'0'.repeat(22)}b`,
      `${'0'.repeat(22)}b`,
      `${'0'.repeat(25)}b`,
      `${'0'.repeat(23)}0`,
      `${'0'.repeat(22)}ff`,
      `-${'0'.repeat(22)}1`,
      'f'.repeat(24),
      '',
    ]) {
      expect(records.get(other)).toBeUndefined()
    }
    records.delete(`${'0'.repeat(23)}B`)
    expect(records.get(row.id)).toBe(row)
    expect(records.size).toBe(20)
  })
})
