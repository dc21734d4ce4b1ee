// Nothing lost when the service worker dies: MV3 stops workers at any moment (docs/design.md). Here the
// worker is stopped again and again while pages load, at different moments of the load; every page
// load must still end up as its own visit holding every finding the page produced, each stored once.
import type { Page } from '@playwright/test';
import type { Launched } from '../../src/cli/launch';
import { expect, test } from './fixtures';

/** Stops the extension's worker the way Chrome does when it idles (chrome://serviceworker-internals). */
async function stopper(ext: Launched): Promise<() => Promise<void>> {
  const internals = await ext.context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  const stop = internals.locator(`.serviceworker-registration:has-text("chrome-extension://${ext.extensionId}/") cr-button[data-command="stop"]`);
  return async () => {
    await stop.first().click({ timeout: 5000 }).catch(() => {}); // already stopped: nothing to click
  };
}

interface Row {
  id: string;
  url: string;
  findings: { key: string; kind: string; vendor?: string; source: string; count: number }[];
}

async function visitsOf(ext: Launched, site: string): Promise<Row[]> {
  const sw = await ext.worker();
  return sw.evaluate(async (s: string) => {
    const g = globalThis as unknown as { candor: { whenIdle(): Promise<void>; db: any } };
    await g.candor.whenIdle();
    const visits = await g.candor.db.visits.where('site').equals(s).sortBy('startedAt');
    const out = [];
    for (const v of visits) {
      // the visit's one row: its findings as merged from what was observed
      const fs = (await g.candor.db.reports.get(v.id))?.raw ?? [];
      out.push({ id: v.id, url: v.url, findings: fs.map((f: any) => ({ key: f.key, kind: f.kind, vendor: f.vendor, source: f.source, count: f.count })) });
    }
    return out;
  }, site);
}

const EXPECTED = ['session-replay:Hotjar', 'tracker:Facebook', 'tracker:Google Analytics', 'tracker:Pinterest'];
const summary = (r: Row) => r.findings.map((f) => `${f.kind}:${f.vendor}`).sort();

test('stopping the worker while pages load loses no finding and stores none twice', async ({ ext, server }) => {
  test.setTimeout(180_000);
  const stop = await stopper(ext);
  const page: Page = await ext.context.newPage();
  // stop at the start of the load, mid-load, after the first DOM scan and before the late request
  const delays = [0, 30, 120, 400, 650, 900, 0, 250];
  for (let i = 0; i < delays.length; i++) {
    const loading = page.goto(server.url('restart.test', `/?load=${i}`));
    await page.waitForTimeout(delays[i]!);
    await stop();
    await loading;
    await page.waitForTimeout(1800); // the late tracker fires at 700 ms; the page then settles
    if (i % 3 === 2) await stop(); // and sometimes again after the page settled
  }
  await expect
    .poll(async () => (await visitsOf(ext, 'restart.test')).map((r) => `${new URL(r.url).search} ${summary(r).join(',')}`), { timeout: 20000 })
    .toEqual(delays.map((_, i) => `?load=${i} ${EXPECTED.join(',')}`));
  for (const r of await visitsOf(ext, 'restart.test')) {
    // one row per finding (ids are per visit and key), each with the channel it came through
    expect(new Set(r.findings.map((f) => f.key)).size).toBe(r.findings.length);
    for (const f of r.findings) expect(f.source).toBe(f.kind === 'tracker' ? 'network' : 'page');
    // a re-sent message after a restart may count a repeat, but never invents many
    for (const f of r.findings) expect(f.count).toBeLessThanOrEqual(4);
  }
});
