import {
  InvalidInputError,
  OAuthIdentityAlreadyLinkedError,
  OAuthStateAlreadyExistsError,
  PendingAlreadyExistsError,
  StorageUnavailableError,
  UserAlreadyExistsError,
} from '@regstack/protocols'

/** An error as the bridge sends it: a stable code, the fields of the kit's error, a message. */
export interface WireError {
  readonly code: string
  readonly fields?: Readonly<Record<string, unknown>>
  readonly message?: string
}

/**
 * An error the implementation raised that is none of the kit's typed errors (code `UNEXPECTED`, or
 * any code the kit does not know). It fails the check that met it like any untyped adapter error.
 */
export class BridgeCallError extends Error {
  /** The code the bridge sent. */
  readonly code: string
  /** The implementation's own error type, when the bridge names it (e.g. `pymongo.errors.WriteError`). */
  readonly remoteType: string | undefined

  constructor(code: string, message: string, remoteType?: string) {
    super(message)
    this.name = 'BridgeCallError'
    this.code = code
    this.remoteType = remoteType
  }
}

function text(fields: Readonly<Record<string, unknown>>, key: string): string {
  const value = fields[key]
  return typeof value === 'string' ? value : String(value)
}

/** Maps a wire error to the kit's typed error of the same `code` (docs/bridge-protocol.md, "Errors"). */
export function fromWireError(error: WireError, call: string): Error {
  const fields = error.fields ?? {}
  switch (error.code) {
    case 'USER_ALREADY_EXISTS':
      return new UserAlreadyExistsError(text(fields, 'email'))
    case 'PENDING_ALREADY_EXISTS':
      return new PendingAlreadyExistsError(text(fields, 'email'))
    case 'OAUTH_IDENTITY_ALREADY_LINKED':
      return new OAuthIdentityAlreadyLinkedError(text(fields, 'provider'), text(fields, 'subjectId'))
    case 'OAUTH_STATE_ALREADY_EXISTS':
      return new OAuthStateAlreadyExistsError(text(fields, 'stateId'))
    case 'INVALID_INPUT':
      return new InvalidInputError(text(fields, 'field'), error.message ?? 'invalid input')
    case 'UNAVAILABLE':
      return new StorageUnavailableError(error.message ?? 'storage unavailable')
    default: {
      const type = typeof fields.type === 'string' ? fields.type : undefined
      const detail = `${type === undefined ? '' : `${type}: `}${error.message ?? '(no message)'}`
      return new BridgeCallError(error.code, `${call} raised ${detail}`, type)
    }
  }
}
