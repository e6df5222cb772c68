/** The environment an outside user's shell would have, without what our own tooling injected. */

/**
 * A copy of `process.env` without the variables that pnpm, npm scripts and vitest set for *this*
 * workspace: npm reads `npm_config_*` as configuration, and a nested vitest reads `VITEST*`, so
 * leaving them in would make the example's install and test behave unlike a stranger's.
 */
export function strangerEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|VITEST|TURBO_)/.test(name) || name === 'NODE_OPTIONS' || name === 'TEST') continue
    env[name] = value
  }
  return { ...env, ...extra }
}
