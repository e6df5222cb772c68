import { defineConfig, type ViteUserConfig } from 'vitest/config'
import { workspaceAliases } from '../../vitest.workspace-aliases.js'

// One test runs a whole regstack backend through the suite (minutes); the suite enforces its own
// per-check limit, so these only stop vitest from cutting a run short first.
const config: ViteUserConfig = defineConfig({
  resolve: { alias: workspaceAliases },
  test: { include: ['test/**/*.test.ts'], testTimeout: 900_000, hookTimeout: 120_000 },
})
export default config
