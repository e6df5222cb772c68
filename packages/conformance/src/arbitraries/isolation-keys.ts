import fc from 'fast-check'
import { emailString, hex64, unicodeString } from './strings.js'

/** One key per repository, shared by the stores an isolation check compares. */
export interface IsolationKeys {
  readonly email: string
  readonly tokenHash: string
  readonly jti: string
  readonly userId: string
  readonly provider: string
  readonly subjectId: string
  readonly stateId: string
}

/** Keys for every repository, Unicode where the field allows it. */
export function isolationKeys(): fc.Arbitrary<IsolationKeys> {
  return fc.record({
    email: emailString(),
    tokenHash: hex64(),
    jti: unicodeString({ minLength: 1, maxLength: 64 }),
    userId: unicodeString({ minLength: 1, maxLength: 36 }),
    provider: unicodeString({ minLength: 1, maxLength: 32 }),
    subjectId: unicodeString({ minLength: 1, maxLength: 64 }),
    stateId: unicodeString({ minLength: 1, maxLength: 64 }),
  })
}
