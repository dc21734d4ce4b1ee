import { defineConfig } from '@playwright/test';

// E2e tests drive the built extension (.output/chrome-mv3) in Debian's Chromium (tests/e2e/fixtures.ts);
// the firefox-*.spec.ts suites drive .output/firefox-mv2 in Firefox ESR too (tests/e2e/firefox-fixtures.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  forbidOnly: true,
});
