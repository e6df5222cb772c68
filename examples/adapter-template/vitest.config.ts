import { defineConfig, type ViteUserConfig } from 'vitest/config'

// The suite limits each check itself (2 minutes by default); vitest's own limit only has to be longer,
// or a slow networked engine would be cut short by vitest first.
const config: ViteUserConfig = defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 60_000 },
})
export default config
