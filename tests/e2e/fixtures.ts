// Shared e2e fixtures: the fixture-site server and a Chromium with the built extension loaded the
// same way the audit loads it (so e2e tests see what users and the audit see).
import { test as base, expect } from '@playwright/test';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, type Launched } from '../../src/cli/launch';
import { serveSites, type SiteServer } from '../../src/cli/site-server';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXT_DIR = join(ROOT, '.output/chrome-mv3');
export const SITES = join(ROOT, 'tests/fixtures/sites');

export const test = base.extend<{ ext: Launched }, { server: SiteServer }>({
  server: [
    async ({}, use) => {
      const s = await serveSites({ roots: [SITES], projectRoot: ROOT });
      await use(s);
      await s.close();
    },
    { scope: 'worker' },
  ],
  ext: async ({ server }, use) => {
    const b = await launchWithExtension({ extensionDir: EXT_DIR, hostResolverRules: server.hostResolverRules, insecure: true });
    await use(b);
    await b.close();
  },
});

export { expect };

/** The report the extension holds for the tab showing `url` (waits for the writer to go idle). */
export async function reportFor(ext: Launched, url: string): Promise<import('../../src/model/report').SiteReport | null> {
  const sw = await ext.worker();
  return sw.evaluate(async (u: string) => {
    const g = globalThis as unknown as {
      chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
      candor: { reportForTab(id: number): Promise<unknown>; whenIdle(): Promise<void> };
    };
    const tabs = await g.chrome.tabs.query({});
    const t = tabs.filter((x) => x.url === u).pop();
    if (!t?.id) return null;
    await g.candor.whenIdle();
    return g.candor.reportForTab(t.id) as never;
  }, url);
}

export async function tabIdFor(ext: Launched, url: string): Promise<number> {
  const sw = await ext.worker();
  return sw.evaluate(async (u: string) => {
    const g = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } };
    return (await g.chrome.tabs.query({})).filter((x) => x.url === u).pop()?.id ?? -1;
  }, url);
}
