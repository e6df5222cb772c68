import { defineConfig } from 'vitest/config'
import { workspaceAliases } from '../../vitest.workspace-aliases.js'

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
})
