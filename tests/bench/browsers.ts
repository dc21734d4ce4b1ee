// The two browsers every comparison runs in, side by side: Chromium with the built extension (the
// same launch as the audit) and the same Chromium, same flags, without it. Both stay open for the
// whole run so that loads can alternate between them.
import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { launchPlain, launchWithExtension, type Launched } from '../../src/cli/launch';
import { serveSites, type SiteServer } from '../../src/cli/site-server';

export interface Pair {
  server: SiteServer;
  ext: Launched;
  plain: { context: BrowserContext; close(): Promise<void> };
  /** the extension browser's DevTools port, for the worker's heap (Playwright has no CDP to workers) */
  devtoolsPort: number;
  close(): Promise<void>;
}

export const BENCH_SITES = 'tests/bench/sites';

/** fixture pages: every folder of tests/fixtures/sites with an index.html */
export function fixturePages(root: string, server: SiteServer): string[] {
  const dir = join(root, 'tests/fixtures/sites');
  return readdirSync(dir)
    .filter((h) => existsSync(join(dir, h, 'index.html')))
    .sort()
    .map((h) => server.url(h, '/'));
}

export async function startPair(root: string): Promise<Pair> {
  const server = await serveSites({ roots: [join(root, 'tests/fixtures/sites'), join(root, BENCH_SITES)], projectRoot: root });
  const profileDir = mkdtempSync(join(tmpdir(), 'candor-bench-'));
  const common = { hostResolverRules: server.hostResolverRules, insecure: true };
  const ext = await launchWithExtension({ ...common, extensionDir: join(root, '.output/chrome-mv3'), profileDir, extraArgs: ['--remote-debugging-port=0'] });
  const plain = await launchPlain(common).catch(async (e: unknown) => {
    await ext.close();
    await server.close();
    throw e;
  });
  const devtoolsPort = Number(readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
  return {
    server,
    ext,
    plain,
    devtoolsPort,
    close: async () => {
      await Promise.all([ext.close(), plain.close()]);
      rmSync(profileDir, { recursive: true, force: true });
      await server.close();
    },
  };
}

/** used JS heap of the extension's service worker in MB, after a full garbage collection */
export async function workerHeapMb(pair: Pair): Promise<{ afterGc: number; beforeGc: number }> {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${pair.devtoolsPort}`, defaultViewport: null });
  try {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${pair.ext.extensionId}/`), { timeout: 10000 });
    const cdp = await target.createCDPSession();
    const before = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.send('HeapProfiler.collectGarbage');
    const after = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.detach();
    return { beforeGc: before.usedSize / 2 ** 20, afterGc: after.usedSize / 2 ** 20 };
  } finally {
    await browser.disconnect();
  }
}

/** the browser tab id (as the extension sees it) of the page showing `url` */
export async function tabIdOf(pair: Pair, url: string): Promise<number> {
  const sw = await pair.ext.worker();
  return sw.evaluate(async (u: string) => {
    const g = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } };
    return (await g.chrome.tabs.query({})).filter((x) => x.url === u).pop()?.id ?? -1;
  }, url);
}
