// Countdowns end to end: a ticking minutes:seconds timer that restarts on reload is a fake deadline
// (the evidence names both deadlines), so is a timer of boxes (digits and unit labels in separate
// elements); genuine deadlines in German and Italian are countdowns that do
// not reset; reading times, times of day, opening hours and a ticking courier cut-off are not urgency.
import type { Launched } from '../../src/cli/launch';
import type { Finding } from '../../src/model/finding';
import { expect, reportFor, test } from './fixtures';

async function urgency(ext: Launched, url: string): Promise<Finding[]> {
  return ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === 'urgency');
}
const countdown = async (ext: Launched, url: string) => (await urgency(ext, url)).find((f) => f.details.pattern === 'countdown');

test('a ticking "Sale ends in 09:59" is a countdown, and restarting on reload makes it a fake deadline', async ({ ext, server }) => {
  const url = server.url('countdown-shop.test', '/mmss');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect(page.locator('#timer')).not.toHaveText('10:00'); // seen ticking
  await expect.poll(async () => (await countdown(ext, url))?.details.text, { timeout: 15000 }).toMatch(/^Sale ends in \d\d:\d\d$/);
  const first = (await countdown(ext, url))!;
  expect(first.details.resets).toBeUndefined();
  expect(first.title).toContain('A countdown timer pushes you to buy now');
  await page.waitForTimeout(4000); // a genuine deadline would now be four seconds nearer
  await page.reload();
  await expect.poll(async () => (await countdown(ext, url))?.details.resets, { timeout: 15000 }).toBe(true);
  const fake = (await countdown(ext, url))!;
  expect(Date.parse(String(fake.details.deadline))).toBeGreaterThan(Date.parse(String(fake.details.previousDeadline)));
  expect(fake.evidence.map((e) => e.detail).join(' ')).toMatch(/the timer said it ends \S+; on your return it ends \S+/);
  expect(fake.title).toContain('the deadline is fake');
});

test('a timer of boxes (digits and German unit labels in separate elements) is a days-hours countdown, fake when it restarts on reload', async ({ ext, server }) => {
  const url = server.url('countdown-shop.test', '/boxes');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await countdown(ext, url))?.details.text, { timeout: 15000 }).toMatch(/^Angebot endet in 2 Tage 04 Std\. \d\d Min\. \d\d Sek\.$/);
  expect((await countdown(ext, url))!.details.resets).toBeUndefined();
  await expect(page.locator('#s')).toHaveText(/^(5[0-4]|4\d)$/, { timeout: 15000 }); // six seconds or more have passed
  await page.reload();
  await expect.poll(async () => (await countdown(ext, url))?.details.resets, { timeout: 15000 }).toBe(true);
  expect(await urgency(ext, url)).toHaveLength(1);
});

for (const [path, text] of [
  ['/de', /^Angebot endet in \d+ Std\. \d+ Min\.$/],
  ['/it', /^Offerta: mancano \d+ giorni \d+ ore alla fine dei saldi$/],
] as const) {
  test(`a genuine deadline in another language is a countdown that does not reset: ${path}`, async ({ ext, server }) => {
    const url = server.url('countdown-shop.test', path);
    const page = await ext.context.newPage();
    await page.goto(url);
    await expect.poll(async () => (await countdown(ext, url))?.details.text, { timeout: 15000 }).toMatch(text);
    await page.waitForTimeout(3000);
    await page.reload();
    await page.waitForTimeout(3000); // the reset check runs on the revisit's first scan
    const c = (await countdown(ext, url))!;
    expect(c.details.resets).toBeUndefined();
    expect(await urgency(ext, url)).toHaveLength(1);
  });
}

test('negatives: reading time, time of day, opening hours, a ticking courier cut-off and a distance are not urgency', async ({ ext, server }) => {
  const url = server.url('countdown-shop.test', '/negatives');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect(page.locator('#cut')).not.toHaveText('2 Std. 13 Min.'); // the cut-off ticks
  await page.waitForTimeout(3000); // rescans after the clock changed get their chance to misfire
  const report = await reportFor(ext, url);
  expect(report).not.toBeNull();
  expect(await urgency(ext, url)).toEqual([]);
});
