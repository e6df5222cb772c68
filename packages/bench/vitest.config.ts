import { defineConfig, type ViteUserConfig } from 'vitest/config'
import { workspaceAliases } from '../../vitest.workspace-aliases.js'

const config: ViteUserConfig = defineConfig({
  resolve: { alias: workspaceAliases },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
})
export default config
