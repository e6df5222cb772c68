import type { NewOAuthIdentity, OAuthIdentity, Repos } from '@regstack/protocols'
import type { CheckContext } from '../check.js'
import { expectEqual } from './assert.js'
import { describeValue } from './describe-value.js'
import { identityListOrder, withId } from './oauth-order.js'
import { setupStep } from './setup-step.js'

/**
 * Per-case stores cost tens of milliseconds on SQL engines, so properties that open one per case run
 * a quarter of the base count.
 */
export function perStoreRuns(ctx: CheckContext): number {
  return Math.ceil(ctx.numRuns / 4)
}

/** Creates `input`, checks the returned row is the input plus a non-empty id (§0.4), and returns it. */
export async function createIdentity(repos: Repos, input: NewOAuthIdentity): Promise<OAuthIdentity> {
  const created = await setupStep(
    'oauthIdentities.create',
    `oauthIdentities.create(${describeValue(input)})`,
    () => repos.oauthIdentities.create(input),
    {
      test: (row) => typeof row?.id === 'string' && row.id !== '' && row.id.length <= 36,
      expected: 'the identity with a new non-empty id of at most 36 characters (§0.4)',
    },
  )
  const id = created.id
  expectEqual(created, withId(input, id), 'oauthIdentities.create must return the input plus its new id')
  return created
}

/** Creates every input in order and returns the stored rows in the same order. */
export async function createIdentities(
  repos: Repos,
  inputs: readonly NewOAuthIdentity[],
): Promise<OAuthIdentity[]> {
  const rows: OAuthIdentity[] = []
  for (const input of inputs) rows.push(await createIdentity(repos, input))
  return rows
}

/** Fails unless `listForUser(userId)` is exactly `rows`, in contract order (§0.10). */
export async function expectListed(
  repos: Repos,
  userId: string,
  rows: readonly OAuthIdentity[],
  when: string,
): Promise<void> {
  expectEqual(
    await repos.oauthIdentities.listForUser(userId),
    identityListOrder(rows),
    `listForUser(${describeValue(userId)}) ${when} (linkedAt ascending, ties by id with JS \`<\`)`,
  )
}
