// Shared fixtures of the Firefox e2e suites: Firefox ESR with the built Firefox extension, started by
// the audit's own launcher (src/cli/firefox/launch.ts, puppeteer-core over WebDriver BiDi, since
// Playwright cannot drive a stock Firefox), inside Playwright's test runner; and both browsers for the
// parity suites, which run the same steps in each and compare the reports.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditBrowser, BrowserName } from '../../src/cli/driver';
import { findFirefox } from '../../src/cli/firefox/find-firefox';
import { launchFirefox, type FirefoxLaunched, type FirefoxLaunchOptions } from '../../src/cli/firefox/launch';
import { launchWithExtension } from '../../src/cli/launch';
import type { SiteServer } from '../../src/cli/site-server';
import { EXT_DIR, expect, ROOT, test as base } from './fixtures';
import { parity } from './parity/compare';
import { capabilitiesOf, runSession, type SessionResults, type Step } from './parity/session';

export const FF_EXT_DIR = join(ROOT, '.output/firefox-mv2');

export function startFirefox(server: SiteServer, o: Partial<FirefoxLaunchOptions> = {}): Promise<FirefoxLaunched> {
  findFirefox(); // fails with how to install it (.ci/run installs firefox-esr)
  if (!existsSync(join(FF_EXT_DIR, 'manifest.json'))) throw new Error(`no Firefox build at ${FF_EXT_DIR}: run npm run build`);
  return launchFirefox({ extensionDir: FF_EXT_DIR, hostResolverRules: server.hostResolverRules, insecure: true, ...o });
}

export function startBrowser(name: BrowserName, server: SiteServer): Promise<AuditBrowser> {
  return name === 'firefox' ? startFirefox(server) : launchWithExtension({ extensionDir: EXT_DIR, hostResolverRules: server.hostResolverRules, insecure: true });
}

export const test = base.extend<{ ff: FirefoxLaunched; downloads: string }>({
  downloads: async ({}, use) => {
    const d = mkdtempSync(join(tmpdir(), 'candor-ff-downloads-'));
    await use(d);
    rmSync(d, { recursive: true, force: true });
  },
  ff: async ({ server, downloads }, use) => {
    const b = await startFirefox(server, { downloadDir: downloads });
    await use(b);
    await b.close();
  },
});

export { expect };

/**
 * What a DNS server would answer for a CNAME-cloaked host, given to Firefox's resolver (its native
 * override, the one Firefox's own network tests use): `host` is an alias of `canonical`.
 */
export function cnameInFirefox(b: AuditBrowser, host: string, canonical: string): Promise<unknown> {
  return (b as FirefoxLaunched).system(
    `const o = Cc["@mozilla.org/network/native-dns-override;1"].getService(Ci.nsINativeDNSResolverOverride); o.addIPOverride(${JSON.stringify(host)}, "127.0.0.1"); o.setCnameOverride(${JSON.stringify(host)}, ${JSON.stringify(canonical)}); return true;`,
  );
}

/**
 * Runs `steps` in a fresh Chromium and a fresh Firefox at the same time (each step waits for a state,
 * never for a time, so sharing two cores slows them down but changes nothing), then checks, for every
 * step, that each browser reached the state the step waits for and that their findings are the same
 * except for the rows of the parity table, each of which must hold.
 */
export async function runInBoth(server: SiteServer, steps: readonly Step[], setup: Partial<Record<BrowserName, (b: AuditBrowser) => Promise<unknown>>> = {}): Promise<SessionResults> {
  const results = { capabilities: {} } as SessionResults;
  await Promise.all(
    (['chromium', 'firefox'] as const).map(async (name) => {
      const b = await startBrowser(name, server);
      try {
        await setup[name]?.(b);
        results.capabilities[name] = await capabilitiesOf(b);
        results[name] = await runSession(b, steps, () => server.requests);
      } finally {
        await b.close();
      }
    }),
  );
  for (let i = 0; i < steps.length; i++) {
    const cr = results.chromium[i]!;
    const ff = results.firefox[i]!;
    for (const r of [cr, ff]) expect.soft(r.ready, `${r.site} (${r.does}) never reached its state in ${r === cr ? 'chromium' : 'firefox'}; its findings: ${r.keys.join('\n')}`).toBe(true);
    expect.soft(parity(cr, ff, results.capabilities), `${cr.site} (${cr.does}): Chromium and Firefox found different things`).toEqual({ unexplained: [], unmet: [] });
  }
  return results;
}
