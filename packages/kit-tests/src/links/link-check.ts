import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { REPOSITORY_URL } from '@regstack/conformance'
import { anchorsOf, extractLinks } from './markdown-links.js'
import { type PackedPackage, publishedPackages } from './packed-files.js'

/** What the checker needs besides the repository itself (tests replace the packing). */
export interface LinkCheckOptions {
  /** The published packages and the files each ships; default: `pnpm pack --dry-run` in each. */
  readonly packages?: (root: string) => PackedPackage[]
}

// Folders whose Markdown is not ours or not committed.
const SKIPPED = new Set(['node_modules', 'dist', 'reports', 'vendor', '.git', '.turbo', 'coverage'])

/**
 * Checks every link in the repository's Markdown (README, docs, packages, examples, the contract)
 * without the network: relative links and anchors must resolve inside the repository, links to this
 * project's own GitHub address are mapped back to files and anchors, and each published package's
 * packed Markdown may only point into its own package at files the package ships (elsewhere npm
 * rewrites relative links through `repository.directory`, which must be set). Resolves to the
 * problems, one line each (`file:line: target: why`); empty when every link resolves.
 */
export function checkLinks(root: string, options: LinkCheckOptions = {}): string[] {
  const problems: string[] = []
  const anchorCache = new Map<string, Set<string>>()
  const anchorsIn = (file: string): Set<string> => {
    let anchors = anchorCache.get(file)
    if (anchors === undefined) {
      anchors = anchorsOf(readFileSync(file, 'utf8'))
      anchorCache.set(file, anchors)
    }
    return anchors
  }
  const packages = (options.packages ?? publishedPackages)(root)
  for (const file of markdownFiles(root)) {
    const where = relative(root, file)
    const owner = packages.find((p) => file.startsWith(`${p.dir}${sep}`))
    const packed = owner?.files.includes(relative(owner.dir, file)) === true
    for (const link of extractLinks(readFileSync(file, 'utf8'))) {
      const problem = checkLink(link.target, file, root, anchorsIn, packed ? owner : undefined)
      if (problem !== undefined) problems.push(`${where}:${link.line}: ${link.target}: ${problem}`)
    }
  }
  for (const pkg of packages) {
    const expected = relative(root, pkg.dir).split(sep).join('/')
    if (pkg.repositoryDirectory !== expected) {
      problems.push(
        `${expected}/package.json: repository.directory is ${JSON.stringify(pkg.repositoryDirectory)}, ` +
          `expected "${expected}" (npm resolves the README's relative links through it)`,
      )
    }
  }
  return problems
}

function checkLink(
  target: string,
  file: string,
  root: string,
  anchorsIn: (file: string) => Set<string>,
  packedIn: PackedPackage | undefined,
): string | undefined {
  const own = ownRepositoryPath(target)
  if (own === null) return `not a file on the main branch of ${REPOSITORY_URL}`
  if (own === undefined && /^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined // the web: no network here
  const [pathPart = '', fragment] = (own ?? target).split('#', 2) as [string, string | undefined]
  const path = decodeURIComponent(pathPart)
  const resolved = own !== undefined ? resolve(root, path) : path === '' ? file : resolve(dirname(file), path)
  if (resolved !== root && !resolved.startsWith(`${root}${sep}`)) return 'points outside the repository'
  if (!existsSync(resolved)) return 'no such file'
  if (packedIn !== undefined && own === undefined && resolved.startsWith(`${packedIn.dir}${sep}`)) {
    const inPackage = relative(packedIn.dir, resolved).split(sep).join('/')
    const shipped = packedIn.files.some((f) => f === inPackage || f.startsWith(`${inPackage}/`))
    if (!shipped) return `not in the ${packedIn.name} tarball, so the link breaks in node_modules`
  }
  if (fragment === undefined || fragment === '') return undefined
  if (statSync(resolved).isDirectory()) {
    const readme = join(resolved, 'README.md')
    return existsSync(readme) && anchorsIn(readme).has(fragment) ? undefined : `no anchor #${fragment}`
  }
  if (!resolved.endsWith('.md')) return undefined
  return anchorsIn(resolved).has(fragment) ? undefined : `no anchor #${fragment}`
}

/**
 * For a link to this project's GitHub address, the repository path (and fragment) it names;
 * `undefined` for any other link; `null` for an address of ours that is not a file or folder on main.
 */
function ownRepositoryPath(target: string): string | null | undefined {
  if (!target.startsWith(`${REPOSITORY_URL}`)) return undefined
  const rest = target.slice(REPOSITORY_URL.length)
  if (rest === '' || rest === '/' || rest.startsWith('#')) return `README.md${rest.replace(/^\//, '')}`
  if (rest === '/issues' || rest.startsWith('/issues/')) return undefined
  const m = /^\/(?:blob|tree)\/main\/(.+)$/.exec(rest)
  return m?.[1] ?? null
}

/** Every Markdown file of the repository, outside dependency, build and report folders. */
export function markdownFiles(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.md')) found.push(path)
    }
  }
  walk(root)
  return found.sort()
}
