import { defineConfig, type ViteUserConfig } from 'vitest/config'

// One test runs a whole regstack backend through the suite (minutes); the suite enforces its own
// per-check limit, so these only stop vitest from cutting a run short first.
const config: ViteUserConfig = defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 900_000, hookTimeout: 120_000 },
})
export default config
