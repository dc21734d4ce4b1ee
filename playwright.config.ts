import { defineConfig } from '@playwright/test';

// Chromium's sandbox cannot run as root, and the audit refuses to switch it off by itself. The e2e
// suites load only the fixture sites they serve on loopback, so as root (CI containers, this dev box)
// they opt out explicitly; the browsers they start print the warning. As any other user it stays on.
if (process.getuid?.() === 0) process.env.CANDOR_NO_SANDBOX ??= '1';

// The files whose tests take the longest (up to a minute or two each on a 2-core machine). Playwright
// hands tests to its workers in the order of the projects below (within a project, in file-name
// order): these start first, so the last tests to start are short ones and both workers finish about
// together, instead of one worker still running a long test while the other has nothing left to do.
const LONG = [
  'firefox-privacy.spec.ts',
  'firefox-consent.spec.ts',
  'firefox-audit.spec.ts',
  'no-leaks.spec.ts',
  'firefox-ai-chat.spec.ts',
  'firefox-fairness.spec.ts',
  'worker-restart.spec.ts',
  'views.spec.ts',
  'firefox-views.spec.ts',
];

// E2e tests drive the built extension (.output/chrome-mv3) in Debian's Chromium (tests/e2e/fixtures.ts);
// the firefox-*.spec.ts suites drive .output/firefox-mv2 in Firefox ESR too (tests/e2e/firefox-fixtures.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  forbidOnly: true,
  projects: [
    { name: 'long', testMatch: LONG },
    { name: 'short', testIgnore: LONG },
  ],
});
