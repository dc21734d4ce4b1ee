import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, reportFor, ROOT, tabIdFor, test } from './fixtures';

const run = promisify(execFile);

test('a tracker loaded by a page shows in the report, the badge and the popup', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('shop.test', '/');
  await page.goto(url);
  await expect
    .poll(async () => (await reportFor(ext, url))?.findings.filter((f) => f.kind === 'tracker').map((f) => f.company).sort(), { timeout: 15000 })
    .toEqual(['Facebook', 'Google']);
  const report = (await reportFor(ext, url))!;
  const ga = report.findings.find((f) => f.vendor === 'Google Analytics')!;
  expect(ga.category).toBe('analytics');
  expect(ga.source).toBe('network');
  expect(ga.evidence[0]!.url).toContain('www.google-analytics.com');
  expect(report.site).toBe('shop.test');

  const tabId = await tabIdFor(ext, url);
  const sw = await ext.worker();
  const badge = await sw.evaluate((id: number) => (globalThis as any).chrome.action.getBadgeText({ tabId: id }), tabId);
  expect(badge).toBe('2');

  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('.site')).toHaveText('shop.test');
  await expect(popup.locator('.principle')).toHaveCount(6);
  await popup.locator('.principle[data-principle="privacy"] .principle-head').click();
  await expect(popup.locator('.finding[data-kind="tracker"]')).toHaveCount(2);
  await popup.locator('.finding[data-kind="tracker"] .finding-title', { hasText: 'Google Analytics' }).click();
  await expect(popup.locator('.evidence code').first()).toContainText('www.google-analytics.com');
});

test('a first-party-only page shows no tracker', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('clean.test', '/');
  await page.goto(url);
  await page.waitForTimeout(1500);
  const report = await reportFor(ext, url);
  expect(report).not.toBeNull();
  expect(report!.findings.filter((f) => f.kind === 'tracker')).toEqual([]);
  expect(report!.principles.privacy.assessed).toBe(false);
  const tabId = await tabIdFor(ext, url);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.getByText('No trackers, AI or pricing tricks found')).toBeVisible();
});

test('the popup says so on a page the extension cannot see', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto('about:blank');
  const tabId = await tabIdFor(ext, 'about:blank');
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.getByRole('heading', { name: /can’t see this page/ })).toBeVisible();
});

test('audit --json: docs/report.md reports in order, a failing URL reported with exit 3', async ({ server }) => {
  const urls = [server.url('shop.test', '/'), 'http://does-not-exist.test/', server.url('clean.test', '/')];
  const res = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', '--wait', '800', '--allow-private', '--host-resolver-rules', server.hostResolverRules, ...urls], { cwd: ROOT }).catch((e) => e);
  expect(res.code).toBe(3);
  const out = JSON.parse(res.stdout);
  expect(out).toHaveLength(3);
  expect(out[0].site).toBe('shop.test');
  expect(out[0].schemaVersion).toBe(1);
  expect(Object.keys(out[0].principles)).toEqual(['privacy', 'transparency', 'consent', 'fairness', 'human', 'rights']);
  expect(out[0].tool.browser).toMatch(/^chromium \d+$/);
  expect(out[0].findings.some((f: { company?: string }) => f.company === 'Google')).toBe(true);
  expect(out[1]).toEqual({ url: 'http://does-not-exist.test/', error: expect.stringContaining('could not be found') });
  expect(out[2].site).toBe('clean.test');
  expect(out[2].findings.filter((f: { kind: string }) => f.kind === 'tracker')).toEqual([]);
});

test('audit exits 2 on a usage error and prints nothing on stdout', async () => {
  const res = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', '--wait', 'soon'], { cwd: ROOT }).catch((e) => e);
  expect(res.code).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr).toContain('--wait takes milliseconds');
});

test('an open popup shows what the worker stores after it opened, and a new page of the tab', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('shop.test', '/');
  await page.goto(url);
  const tabId = await tabIdFor(ext, url);
  await expect.poll(async () => (await reportFor(ext, url))?.findings.filter((f) => f.kind === 'tracker').length, { timeout: 15000 }).toBe(2);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await popup.locator('.principle[data-principle="privacy"] .principle-head').click();
  await expect(popup.locator('.finding[data-kind="tracker"]')).toHaveCount(2);
  // a tracker request of the same page, observed while the popup is open
  const sw = await ext.worker();
  await sw.evaluate(async ({ id, top }: { id: number; top: string }) => {
    const c = (globalThis as any).candor;
    await c.engine.onRequest({ phase: 'request', url: 'https://connect.facebook.net/x.js', type: 'script', method: 'GET', tabId: id, frameId: 0, topUrl: top, at: Date.now() });
    await c.engine.onRequest({ phase: 'request', url: 'https://static.hotjar.com/c/hotjar-1.js', type: 'script', method: 'GET', tabId: id, frameId: 0, topUrl: top, at: Date.now() });
    await c.whenIdle();
  }, { id: tabId, top: url });
  await expect(popup.locator('.finding[data-kind="tracker"]')).toHaveCount(3);
  // the tab moves on to a page of another site: the popup follows it
  await page.goto(server.url('clean.test', '/'));
  await expect(popup.locator('.site')).toHaveText('clean.test', { timeout: 15000 });
});
