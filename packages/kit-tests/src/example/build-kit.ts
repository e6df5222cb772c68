/** What the CLI and packed-kit tests share: a freshly built kit, and adapter modules written as text. */
import { acquireLock } from './exclusive-lock.js'
import { runCommand, tail } from './run-command.js'

const MINUTE = 60_000

/**
 * Takes the `kit-dist` lock (other test files rebuild the same dist/), builds `packages` (protocols,
 * conformance and adapter-memory by default) and resolves to the function that releases the lock.
 * A failed build releases it and rejects with the build's output.
 */
export async function lockAndBuildKit(
  root: string,
  packages: readonly string[] = ['@regstack/protocols', '@regstack/conformance', '@regstack/adapter-memory'],
): Promise<() => Promise<void>> {
  const release = await acquireLock('kit-dist', 12 * MINUTE)
  const build = await runCommand('pnpm', [...packages.flatMap((p) => ['--filter', p]), 'build'], {
    cwd: root,
    timeoutMs: 5 * MINUTE,
  })
  if (build.code !== 0) {
    await release()
    throw new Error(`building ${packages.join(', ')} failed:\n${tail(build)}`)
  }
  return release
}

/**
 * An adapter module over the memory adapter imported from `memoryAdapter` whose `users.create`
 * leaks its pooled client: the call never settles, and `close()` then waits for that client forever.
 */
export function createHangsModule(memoryAdapter: string): string {
  return `import { createMemoryRepos } from '${memoryAdapter}'
export function makeRepos({ clock }) {
  const repos = createMemoryRepos({ clock })
  let leaked = 0
  const create = () => {
    leaked += 1
    return new Promise(() => {})
  }
  return {
    repos: { ...repos, users: { ...repos.users, create } },
    close: () => (leaked > 0 ? new Promise(() => {}) : Promise.resolve()),
  }
}
`
}
