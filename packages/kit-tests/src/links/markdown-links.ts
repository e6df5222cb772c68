/** A link written in a Markdown file. */
export interface MarkdownLink {
  readonly target: string
  /** 1-based line of the link. */
  readonly line: number
}

// Inline links and images `[text](target "title")`, reference definitions `[id]: target`, and
// HTML `href`/`src` attributes. Link text may hold one level of brackets (`[`x`]`).
const INLINE = /!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g
const REFERENCE = /^\s{0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s+"[^"]*")?\s*$/
const HTML_REF = /\b(?:href|src)="([^"]+)"/g

/** Every link target in `markdown` with its line, outside fenced code blocks and code spans. */
export function extractLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = []
  proseLines(markdown).forEach((text, index) => {
    const line = index + 1
    const reference = REFERENCE.exec(text)
    if (reference?.[1] !== undefined) links.push({ target: reference[1], line })
    for (const m of text.matchAll(INLINE)) if (m[1] !== undefined) links.push({ target: m[1], line })
    for (const m of text.matchAll(HTML_REF)) if (m[1] !== undefined) links.push({ target: m[1], line })
  })
  return links
}

/**
 * The fragment identifiers `markdown` defines: explicit `<a id>`/`<a name>` anchors and the ids
 * GitHub (and npm) give headings — lower case, punctuation dropped, spaces as hyphens, repeats
 * numbered `-1`, `-2`.
 */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const text of proseLines(markdown, false)) {
    for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) if (m[1] !== undefined) anchors.add(m[1])
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)
    if (heading?.[1] === undefined) continue
    const slug = headingSlug(heading[1])
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return anchors
}

/** GitHub's id for a heading's text. */
export function headingSlug(heading: string): string {
  return heading
    .replace(/<[^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replaceAll(' ', '-')
}

/**
 * The file's lines with fenced code blocks blanked and (unless kept, as heading ids need them) code
 * spans removed, so that examples such as `[x](y)` inside code are not taken for links. Line numbers
 * are kept.
 */
function proseLines(markdown: string, stripCodeSpans = true): string[] {
  let fence: string | undefined
  return markdown.split('\n').map((line) => {
    const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence !== undefined) {
      if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length)
        fence = undefined
      return ''
    }
    if (opening !== undefined) {
      fence = opening
      return ''
    }
    return stripCodeSpans ? line.replace(/(`+)(?:(?!\1).)+?\1/g, '') : line
  })
}
