import { defineConfig } from '@playwright/test';

// E2e tests drive the built extension (.output/chrome-mv3) in Debian's Chromium; see tests/e2e/fixtures.ts.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  forbidOnly: true,
});
