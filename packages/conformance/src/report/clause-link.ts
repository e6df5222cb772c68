/**
 * The project's repository. package.json `repository`, `homepage` and `bugs` of every published
 * package point here too (a test in packages/kit-tests keeps them equal), so a link built from it resolves for
 * anyone reading a report, a terminal or npmjs.com.
 */
export const REPOSITORY_URL = 'https://github.com/regstack/regstack-kit'

/** Where the contract lives in the repository; `@regstack/protocols` ships it as `CONTRACT.md`. */
export const CONTRACT_PATH = 'packages/protocols/CONTRACT.md'

/** The contract document as a web page on the default branch. */
export const CONTRACT_URL: string = `${REPOSITORY_URL}/blob/main/${CONTRACT_PATH}`

/** One clause a check cites, e.g. `§3.1 updateEmail` → `{ label: '§3.1 updateEmail', anchor: 'clause-3.1-updateemail' }`. */
export interface ClauseRef {
  /** The clause as written in the check. */
  readonly label: string
  /** Its anchor (`id`) in the contract document. */
  readonly anchor: string
}

// `§3.1`, `§3.1 updateEmail`, `§7 P5`, `§6 D16`: a section number, optionally a §3 method, a property
// (P, numbered once for the whole document) or a difference of §6 (D).
const CLAUSE = /§(\d+(?:\.\d+)?)(?:\s+(P\d+|D\d+|[a-z][A-Za-z]*))?/g

/**
 * Every clause a check's `clause` field cites, in order; a range such as `§3.5–§3.7` gives its two
 * ends. Empty when the text cites no clause at all (a test rejects such checks).
 */
export function clauseRefs(clause: string): ClauseRef[] {
  return [...clause.matchAll(CLAUSE)].map((m) => {
    const section = m[1] ?? ''
    const qualifier = m[2]
    return { label: m[0], anchor: anchorOf(section, qualifier) }
  })
}

/**
 * The web address of every clause a check's `clause` field cites, in the contract document; the
 * document's top when the text cites no clause.
 */
export function clauseUrls(clause: string): string[] {
  const refs = clauseRefs(clause)
  return refs.length === 0 ? [CONTRACT_URL] : refs.map((ref) => `${CONTRACT_URL}#${ref.anchor}`)
}

/** The web address of a check's clause (its first, when it cites several). */
export function clauseUrl(clause: string): string {
  return clauseUrls(clause)[0] ?? CONTRACT_URL
}

/**
 * The clause as Markdown links, each cited clause linked on its own, relative to `base` (the
 * contract's address as seen from the document being written; the web address by default).
 */
export function clauseMarkdown(clause: string, base: string = CONTRACT_URL): string {
  const refs = clauseRefs(clause)
  if (refs.length === 0) return clause
  let rest = clause
  let out = ''
  for (const ref of refs) {
    const at = rest.indexOf(ref.label)
    out += `${rest.slice(0, at)}[${ref.label}](${base}#${ref.anchor})`
    rest = rest.slice(at + ref.label.length)
  }
  return out + rest
}

function anchorOf(section: string, qualifier: string | undefined): string {
  if (qualifier === undefined) return `clause-${section}`
  // Properties are numbered once for the whole document, so `§7 P5` and `§7.1 P5` are one anchor.
  if (/^P\d+$/.test(qualifier)) return `clause-${qualifier.toLowerCase()}`
  return `clause-${section}-${qualifier.toLowerCase()}`
}
