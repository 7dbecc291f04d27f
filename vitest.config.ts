import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Browser tests poll for what the page shows. The default second is too short on a 2-core CI
    // machine running other test files beside Chromium: a portal autosave once took longer.
    expect: { poll: { timeout: 10_000 } },
  },
});
