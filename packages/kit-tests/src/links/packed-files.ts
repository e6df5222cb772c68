import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** A published package and what its tarball holds. */
export interface PackedPackage {
  readonly name: string
  /** Absolute folder of the package. */
  readonly dir: string
  /** Paths inside the tarball, relative to the package folder, `/`-separated. */
  readonly files: readonly string[]
  /** `repository.directory` from its package.json, if any. */
  readonly repositoryDirectory: string | undefined
  /** `repository.url` from its package.json, if any. */
  readonly repositoryUrl: string | undefined
}

interface Manifest {
  readonly name: string
  readonly private?: boolean
  readonly repository?: { readonly url?: string; readonly directory?: string } | string
}

/**
 * Every non-private package under `packages/`, with the file list `pnpm pack` would put in its
 * tarball (asked of pnpm itself, so `files`, `.npmignore` and the always-included files are exactly
 * what a publish ships).
 */
export function publishedPackages(root: string): PackedPackage[] {
  const base = join(root, 'packages')
  const packages: PackedPackage[] = []
  for (const entry of readdirSync(base, { withFileTypes: true })) {
    const dir = join(base, entry.name)
    const manifestPath = join(dir, 'package.json')
    if (!entry.isDirectory() || !existsSync(manifestPath)) continue
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest
    if (manifest.private === true) continue
    const repository = typeof manifest.repository === 'object' ? manifest.repository : undefined
    packages.push({
      name: manifest.name,
      dir,
      files: packList(dir),
      repositoryDirectory: repository?.directory,
      repositoryUrl: typeof manifest.repository === 'string' ? manifest.repository : repository?.url,
    })
  }
  return packages
}

/** The tarball's file list for the package in `dir`, without writing a tarball. */
export function packList(dir: string): string[] {
  const out = execFileSync('pnpm', ['pack', '--dry-run', '--json'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const parsed = JSON.parse(out) as { files: { path: string }[] }
  return parsed.files.map((f) => f.path).sort()
}
