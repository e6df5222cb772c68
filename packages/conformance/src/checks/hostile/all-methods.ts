import type { MethodSpec } from './method-spec.js'
import { ACCOUNT_METHODS } from './table-accounts.js'
import { OAUTH_METHODS } from './table-oauth.js'
import { TOKEN_METHODS } from './table-tokens.js'

/** Every method of the seven repositories, as the hostile tables describe them. */
export const ALL_METHODS: readonly MethodSpec[] = [...ACCOUNT_METHODS, ...TOKEN_METHODS, ...OAUTH_METHODS]
