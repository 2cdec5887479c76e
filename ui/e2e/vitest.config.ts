import { defineConfig } from "vitest/config";

// End-to-end suite: a real Chromium against the embedded server with the TMDB fake.
// Run with `npm run test:e2e -w ui` (not part of the `ui` unit project).
export default defineConfig({
  test: {
    name: "ui-e2e",
    root: import.meta.dirname,
    include: ["**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
