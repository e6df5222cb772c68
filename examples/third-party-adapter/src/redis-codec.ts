/**
 * How a model becomes a Redis hash and back. Every field is a hash field holding a string: text as
 * given (Redis strings are binary-safe and ioredis sends UTF-8), dates as epoch milliseconds,
 * booleans as `1`/`0`, integers in decimal. `null` is an absent field, so an empty string and `null`
 * stay distinct.
 */
import type { LuaReply } from './lua-script.js'

/** The storage type of one field. */
export type FieldType = 'text' | 'text?' | 'date' | 'date?' | 'bool' | 'int'

/** Field name → storage type, for one model. */
export type RowSpec = Readonly<Record<string, FieldType>>

type Encodable = string | number | boolean | Date | null

/** Flattens `model` into `[field, value, …]` for HSET, leaving out `null` fields and those in `omit`. */
export function encodeRow(spec: RowSpec, model: object, omit: readonly string[] = []): string[] {
  const fields = model as Readonly<Record<string, unknown>>
  const flat: string[] = []
  for (const [field, type] of Object.entries(spec)) {
    if (omit.includes(field)) continue
    const value = fields[field] as Encodable | undefined
    if (value === null || value === undefined) {
      if (!type.endsWith('?')) throw new TypeError(`encodeRow: ${field} is required`)
      continue
    }
    flat.push(field, encodeValue(value))
  }
  return flat
}

/** One value as it is stored. */
export function encodeValue(value: string | number | boolean | Date): string {
  if (value instanceof Date) return String(value.getTime())
  if (typeof value === 'boolean') return value ? '1' : '0'
  return String(value)
}

/** Reads a row returned by a script (flat HGETALL array, or null/false when absent). */
export function decodeRow<T>(spec: RowSpec, reply: LuaReply | undefined): T | null {
  if (!Array.isArray(reply) || reply.length === 0) return null
  const stored = new Map<string, string>()
  for (let i = 0; i + 1 < reply.length; i += 2) stored.set(String(reply[i]), String(reply[i + 1]))
  const model: Record<string, Encodable> = {}
  for (const [field, type] of Object.entries(spec)) {
    const raw = stored.get(field)
    if (raw === undefined) {
      if (!type.endsWith('?')) throw new Error(`corrupt row: field ${field} is missing`)
      model[field] = null
      continue
    }
    model[field] = decodeValue(type, raw)
  }
  return model as T
}

function decodeValue(type: FieldType, raw: string): Encodable {
  switch (type) {
    case 'text':
    case 'text?':
      return raw
    case 'date':
    case 'date?':
      return new Date(Number(raw))
    case 'bool':
      return raw === '1'
    case 'int':
      return Number(raw)
  }
}

/** Decodes a list of rows (a script's array of HGETALL arrays), skipping rows that vanished meanwhile. */
export function decodeRows<T>(spec: RowSpec, reply: LuaReply): T[] {
  if (!Array.isArray(reply)) return []
  const rows: T[] = []
  for (const item of reply) {
    const row = decodeRow<T>(spec, item)
    if (row !== null) rows.push(row)
  }
  return rows
}
