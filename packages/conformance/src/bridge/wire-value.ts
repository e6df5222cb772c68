/**
 * Values on the bridge wire (docs/bridge-protocol.md, "Values"). Plain JSON carries what JSON can;
 * everything else is an object tagged `$bridge` — dates as epoch milliseconds above all — so the
 * suite's hostile inputs (an invalid `Date`, `undefined`, `NaN`, a boxed string, `{ $ne: null }`)
 * reach the implementation as exactly what they are.
 */

/** A JSON value as `JSON.stringify` writes it. */
export type WireValue =
  | null
  | boolean
  | number
  | string
  | readonly WireValue[]
  | { readonly [key: string]: WireValue }

const TAG = '$bridge'

function encodeNumber(n: number): WireValue {
  return Number.isFinite(n) ? n : { [TAG]: 'number', value: String(n) }
}

function encodeObject(value: object): WireValue {
  if (value instanceof Date) {
    const ms = value.getTime()
    return { [TAG]: 'date', ms: Number.isNaN(ms) ? null : ms }
  }
  if (Array.isArray(value)) return value.map((v: unknown) => encodeWireValue(v))
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) {
    const type = (value as { constructor?: { name?: string } }).constructor?.name ?? 'Object'
    // A boxed string keeps its text so the far side can see what a lenient coercion would make of it.
    return value instanceof String
      ? { [TAG]: 'opaque', type, value: value.valueOf() }
      : { [TAG]: 'opaque', type }
  }
  const body: Record<string, WireValue> = {}
  for (const [key, v] of Object.entries(value)) body[key] = encodeWireValue(v)
  return TAG in body ? { [TAG]: 'object', value: body } : body
}

/** Encodes one JavaScript value for the wire. */
export function encodeWireValue(value: unknown): WireValue {
  switch (typeof value) {
    case 'undefined':
      return { [TAG]: 'undefined' }
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return encodeNumber(value)
    case 'object':
      return value === null ? null : encodeObject(value)
    default:
      return { [TAG]: 'opaque', type: typeof value }
  }
}

function decodeTagged(tagged: { readonly [key: string]: WireValue }): unknown {
  switch (tagged[TAG]) {
    case 'date': {
      const ms = tagged.ms
      return new Date(typeof ms === 'number' ? ms : Number.NaN)
    }
    case 'undefined':
      return undefined
    case 'number':
      return Number(tagged.value)
    case 'object':
      return decodeObject(tagged.value as { readonly [key: string]: WireValue })
    case 'opaque':
      // Only a boxed string can be rebuilt; any other opaque value stays a recognisable stand-in.
      return tagged.type === 'String' ? new String(tagged.value) : { opaque: tagged.type }
    default:
      throw new TypeError(`unknown ${TAG} tag ${JSON.stringify(tagged[TAG])}`)
  }
}

function decodeObject(value: { readonly [key: string]: WireValue }): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) out[key] = decodeWireValue(v)
  return out
}

/** Decodes one wire value into JavaScript; throws `TypeError` on an unknown tag. */
export function decodeWireValue(value: WireValue): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v: WireValue) => decodeWireValue(v))
  const record = value as { readonly [key: string]: WireValue }
  return TAG in record ? decodeTagged(record) : decodeObject(record)
}
