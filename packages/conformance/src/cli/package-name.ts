import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The `name` of the nearest package.json above the module at `moduleUrl`, if there is one. */
export function packageNameOf(moduleUrl: string): string | undefined {
  let dir: string
  try {
    dir = dirname(fileURLToPath(moduleUrl))
  } catch {
    return undefined
  }
  for (;;) {
    const file = join(dir, 'package.json')
    if (existsSync(file)) {
      try {
        const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name
        if (typeof name === 'string' && name !== '') return name
      } catch {
        // An unreadable package.json names nothing; keep looking upwards.
      }
    }
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
