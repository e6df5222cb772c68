/**
 * The stored fields of each model, derived from regstack's layout in `@regstack/protocols` (see
 * redis-codec.ts for the encodings). Redis keeps the model's own field names; the layout supplies
 * which fields exist, their kinds and which may be null.
 */
import { STORAGE_LAYOUT, type StoredField, type StoreKey } from '@regstack/protocols'
import type { FieldType, RowSpec } from './redis-codec.js'

/** How one layout field is kept in a hash. */
function fieldType(field: StoredField): FieldType {
  switch (field.kind) {
    case 'id':
    case 'string':
    case 'text':
      return field.nullable ? 'text?' : 'text'
    case 'instant':
      return field.nullable ? 'date?' : 'date'
    case 'bool':
    case 'int':
      if (field.nullable) throw new TypeError(`model-specs: nullable ${field.kind} ${field.field}`)
      return field.kind
    case 'serial':
      throw new TypeError(`model-specs: ${field.field} is a row number, which this adapter does not store`)
  }
}

/** The hash fields of one store's rows, with the id stored in the row so one HGETALL rebuilds it. */
function specOf(store: StoreKey): RowSpec {
  return Object.fromEntries(STORAGE_LAYOUT[store].fields.map((field) => [field.field, fieldType(field)]))
}

/** `User`. */
export const USER_SPEC: RowSpec = specOf('users')
/** `PendingRegistration`. */
export const PENDING_SPEC: RowSpec = specOf('pending')
/** `MfaCode`. */
export const MFA_CODE_SPEC: RowSpec = specOf('mfaCodes')
/** `OAuthIdentity`. */
export const IDENTITY_SPEC: RowSpec = specOf('oauthIdentities')
/** `OAuthState`. */
export const STATE_SPEC: RowSpec = specOf('oauthStates')
