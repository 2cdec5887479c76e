import { defineConfig } from "vitest/config";

// One root config; each workspace keeps its own project config (hono-style `projects`).
export default defineConfig({
  test: {
    projects: ["runtime/vitest.config.ts", "ui/vitest.config.ts", "stacks/vitest.config.ts", "policies/vitest.config.ts"],
  },
});
