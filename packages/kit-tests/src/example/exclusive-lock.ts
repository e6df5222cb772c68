/** A lock shared by processes on one machine, so tests that rebuild the kit's dist/ never overlap. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Takes the lock `name` (an atomic `mkdir` in the temp directory), waiting up to `timeoutMs`.
 * Resolves to the function that releases it. A lock left by a process that no longer exists is
 * taken over, so a crashed test run cannot block later ones.
 *
 * Why: vitest runs test files in parallel, and two files that each run `tsc` into the same dist/
 * (or spawn a CLI from it while the other rebuilds it) could read half-written files.
 */
export async function acquireLock(name: string, timeoutMs: number): Promise<() => Promise<void>> {
  const dir = join(tmpdir(), `regstack-${name}.lock`)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await mkdir(dir)
      await writeFile(join(dir, 'pid'), String(process.pid))
      return () => rm(dir, { recursive: true, force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (await holderIsGone(dir)) {
      await rm(dir, { recursive: true, force: true })
      continue
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the lock ${dir}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

async function holderIsGone(dir: string): Promise<boolean> {
  let pid: number
  try {
    pid = Number(await readFile(join(dir, 'pid'), 'utf8'))
  } catch {
    // The holder may be between mkdir and writing its pid; treat it as alive.
    return false
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
