/** Which contract revision a run checks (CONTRACT §0.19), and what to tell the user about it. */
import { type ContractRevision, NEWEST_CONTRACT_REVISION, revisionIncludes } from '@regstack/protocols'

/** The revision a run checks, where it came from, and a sentence for the user when one is due. */
export interface RunRevision {
  /** The revision whose checks run. */
  readonly id: ContractRevision
  /** What the target declared, or `null` when it declared none (or the run never reached it). */
  readonly declared: ContractRevision | null
  /** Said once per run: no revision declared, or a revision above the declared one requested. */
  readonly message?: string
}

/**
 * `requested` (option or `REGSTACK_REVISION`) wins; otherwise the target's declaration; otherwise the
 * newest revision, with a message saying the target declared none.
 */
export function resolveRevision(
  requested: ContractRevision | undefined,
  declared: ContractRevision | undefined,
): RunRevision {
  const declaredOrNull = declared ?? null
  if (requested !== undefined) {
    if (declared !== undefined && !revisionIncludes(declared, requested)) {
      return {
        id: requested,
        declared,
        message:
          `the target declares contract revision ${declared} and is checked against ${requested}: ` +
          `checks new in a later revision than ${declared} fail saying so`,
      }
    }
    return { id: requested, declared: declaredOrNull }
  }
  if (declared !== undefined) return { id: declared, declared }
  return {
    id: NEWEST_CONTRACT_REVISION,
    declared: null,
    message:
      `the target declares no contract revision; checking against the newest, ${NEWEST_CONTRACT_REVISION}. ` +
      `Declare the one the adapter implements: return \`revision: '${NEWEST_CONTRACT_REVISION}'\` ` +
      '(or an older one) from makeRepos',
  }
}
