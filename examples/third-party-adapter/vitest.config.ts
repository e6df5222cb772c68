import { defineConfig, type ViteUserConfig } from 'vitest/config'

// Redis round trips make the property checks slower than in-process stores; the suite enforces its
// own per-check limit, so these only stop vitest from cutting a check short first.
const config: ViteUserConfig = defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 60_000 },
})
export default config
