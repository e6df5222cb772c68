import { createHash } from 'node:crypto'

/** Lower-case hex SHA-256 of the UTF-8 encoding of `raw`: what `MfaCode.codeHash` holds (CONTRACT §3.5). */
export function sha256Hex(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex')
}
