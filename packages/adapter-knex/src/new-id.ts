/** Adapter-generated ids (CONTRACT §0.4). */
import { randomUUID } from 'node:crypto'

/**
 * A new id: the 32 lower-case hex digits of a random UUIDv4, like regstack's SQL backend. Hex only,
 * so byte order, every engine's binary collation and JavaScript `<` agree on id tie-breaks (§0.10).
 */
export function newId(): string {
  return randomUUID().replaceAll('-', '')
}
