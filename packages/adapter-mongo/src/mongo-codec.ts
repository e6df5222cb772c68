/**
 * Reading fields of stored documents. regstack omits `None` fields on insert and writes explicit
 * nulls from its setters, so "absent" and `null` must read the same (CONTRACT §1.5). A required field
 * that is missing or of the wrong type means the document was not written by regstack or this
 * adapter; that is reported loudly rather than turned into a half-filled model.
 */
import { type Document, ObjectId } from 'mongodb'

function corrupt(doc: Document, field: string, expected: string): TypeError {
  return new TypeError(
    `stored document ${idText(doc._id)} has no ${expected} in field ${JSON.stringify(field)}`,
  )
}

function idText(id: unknown): string {
  return id instanceof ObjectId ? id.toHexString() : JSON.stringify(id)
}

/** The document's id as the model's string: ObjectIds as lower-case hex, string ids verbatim. */
export function readId(doc: Document): string {
  const id: unknown = doc._id
  if (id instanceof ObjectId) return id.toHexString()
  if (typeof id === 'string') return id
  throw corrupt(doc, '_id', 'ObjectId or string')
}

/** A required string field. */
export function readString(doc: Document, field: string): string {
  const value: unknown = doc[field]
  if (typeof value !== 'string') throw corrupt(doc, field, 'string')
  return value
}

/** An optional string field: absent and `null` both read as `null`. */
export function readNullableString(doc: Document, field: string): string | null {
  const value: unknown = doc[field]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw corrupt(doc, field, 'string')
  return value
}

/** A required BSON date field, as a new `Date`. */
export function readDate(doc: Document, field: string): Date {
  const value: unknown = doc[field]
  if (!(value instanceof Date)) throw corrupt(doc, field, 'date')
  return new Date(value.getTime())
}

/** An optional BSON date field: absent and `null` both read as `null`. */
export function readNullableDate(doc: Document, field: string): Date | null {
  const value: unknown = doc[field]
  if (value === undefined || value === null) return null
  if (!(value instanceof Date)) throw corrupt(doc, field, 'date')
  return new Date(value.getTime())
}

/** A boolean field; absent or `null` reads as regstack's model default for it. */
export function readBoolean(doc: Document, field: string, fallback: boolean): boolean {
  const value: unknown = doc[field]
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'boolean') throw corrupt(doc, field, 'boolean')
  return value
}

/** An integer field (BSON int32, int64 within the safe range, or an integral double). */
export function readInteger(doc: Document, field: string, fallback: number): number {
  const value: unknown = doc[field]
  if (value === undefined || value === null) return fallback
  // Python writes ints that outgrow int32 as int64; the driver promotes those to numbers already.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  throw corrupt(doc, field, 'safe integer')
}

/**
 * A copy of `fields` without the `null` values, as regstack inserts documents. The keys stay in the
 * order given, which is the order regstack's models declare them.
 */
export function withoutNulls<T extends Document>(fields: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(fields) as (keyof T)[]) {
    if (fields[key] !== null) out[key] = fields[key]
  }
  return out
}
