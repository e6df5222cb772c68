import type { LoadedTarget } from '../cli/load-target.js'
import { createProcessTarget } from './create-process-target.js'

/** What `certify --process` runs: a loaded target plus what the bridge's handshake says. */
export interface LoadedProcessTarget extends LoadedTarget {
  readonly name: string
  readonly engine: string
}

/**
 * Splits a command line the way a POSIX shell would for the simple cases a `--process` flag carries:
 * words separated by blanks, single quotes literal, double quotes and backslashes escaping.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: "'" | '"' | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (quote === "'") {
      if (c === "'") quote = undefined
      else word += c
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i]
      inWord = true
    } else if (quote === '"') {
      if (c === '"') quote = undefined
      else word += c
    } else if (c === "'" || c === '"') {
      quote = c
      inWord = true
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += c
      inWord = true
    }
  }
  if (quote !== undefined) throw new TypeError(`unterminated ${quote} in ${JSON.stringify(line)}`)
  if (inWord) words.push(word)
  return words
}

/** Starts the bridge process of `commandLine` and waits for its handshake. */
export async function loadProcessTarget(commandLine: string, cwd: string): Promise<LoadedProcessTarget> {
  const [command, ...args] = splitCommandLine(commandLine)
  if (command === undefined) throw new TypeError('--process needs a command')
  const target = createProcessTarget({ command, args, cwd })
  const { implementation } = await target.handshake()
  return {
    makeRepos: target.makeRepos,
    teardown: () => target.close(),
    resolvedFrom: `process ${commandLine}`,
    name: `${implementation.name} ${implementation.version}`,
    engine: implementation.engine,
  }
}
