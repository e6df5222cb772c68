import type { OAuthIdentity } from '@regstack/protocols'

/**
 * The order `listForUser` must return (CONTRACT §0.10): `linkedAt` ascending, ties by `id` ascending in
 * JavaScript string order (UTF-16 units). Computed from the ids the adapter returned, so any id format
 * and any internal order pass.
 */
export function identityListOrder(rows: readonly OAuthIdentity[]): OAuthIdentity[] {
  return [...rows].sort((a, b) => {
    const byTime = a.linkedAt.getTime() - b.linkedAt.getTime()
    if (byTime !== 0) return byTime
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}

/** The stored form of a created identity: the input plus the id the adapter returned. */
export function withId<T extends object>(input: T, id: string): T & { readonly id: string } {
  return { id, ...input }
}
