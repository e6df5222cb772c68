/** Adapter-generated ids (CONTRACT §0.4): what regstack's SQL backend stores. */
import { randomFillSync } from 'node:crypto'

const ID_BYTES = 16
// Random bytes are drawn 4 KiB at a time: `randomUUID().replaceAll('-', '')` cost about 1.1 µs per
// id on the bench machine (most of it the replace), a slice of a filled buffer about 0.25 µs.
const entropy = Buffer.allocUnsafe(ID_BYTES * 256)
let offset = entropy.length

/**
 * A new id: the 32 lower-case hex digits of a random UUIDv4 (version and variant bits set), like
 * regstack's SQL backend. Hex only, so byte order, every engine's binary collation and JavaScript `<`
 * agree on id tie-breaks (§0.10).
 */
export function newHexId(): string {
  if (offset === entropy.length) {
    randomFillSync(entropy)
    offset = 0
  }
  const at = offset
  offset += ID_BYTES
  entropy[at + 6] = ((entropy[at + 6] as number) & 0x0f) | 0x40
  entropy[at + 8] = ((entropy[at + 8] as number) & 0x3f) | 0x80
  return entropy.toString('hex', at, at + ID_BYTES)
}
