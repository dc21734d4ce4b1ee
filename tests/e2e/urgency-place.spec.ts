// Urgency claims only where they are claims, on a shop built like a real one (a header menu, an open
// mega-menu of lists, a breadcrumb, a sale category's heading and filters, footer link columns):
// "Flash sale" as a menu item, a breadcrumb, a category heading or a footer link is not reported; the
// same words in an announcement bar, next to a price, in a toast or a modal are. Low-stock and activity
// claims in five more languages; a bare clock seen ticking down next to a price is a countdown, and a
// fake deadline when it restarts on reload.
import type { Launched } from '../../src/cli/launch';
import type { Finding } from '../../src/model/finding';
import { expect, reportFor, test } from './fixtures';

const kinds = async (ext: Launched, url: string, kind: string): Promise<Finding[]> => ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === kind);
const claims = async (ext: Launched, url: string) => (await kinds(ext, url, 'urgency')).map((f) => `${String(f.details.pattern)}: ${String(f.details.text)}`).sort();

test('negatives: a sale category page with "Flash Sale" in its menu, mega-menu, breadcrumb, heading, filters and footer makes no urgency claim; a low-stock badge on a product card of its grid does', async ({ ext, server }) => {
  const url = server.url('nav-shop.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect(page.locator('nav.header__nav a', { hasText: 'Flash Sale' })).toBeVisible();
  await expect(page.locator('.mega-menu')).toBeVisible();
  // the footer's contact link is read from the same scan: once it is in, the page was judged
  await expect.poll(async () => (await kinds(ext, url, 'human-contact')).length, { timeout: 15000 }).toBe(1);
  await expect.poll(() => claims(ext, url), { timeout: 15000 }).toEqual(['low-stock: Only 2 left']);
});

test('positives: the same menu, and "Flash sale" in the announcement bar, "Last chance" next to the price, a toast, and a ticking bare clock by the buy button', async ({ ext, server }) => {
  const url = server.url('nav-shop.test', '/offer');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect(page.locator('#timer')).not.toHaveText('09:59'); // seen ticking
  await expect
    .poll(() => claims(ext, url), { timeout: 20000 })
    .toEqual([expect.stringMatching(/^countdown: \d\d:\d\d$/), 'limited-time: Deal of the day', 'limited-time: Flash sale', 'limited-time: Last chance']);
  const countdown = (await kinds(ext, url, 'urgency')).find((f) => f.details.pattern === 'countdown')!;
  expect(countdown.title).toContain('A countdown timer pushes you to buy now');
  const flash = (await kinds(ext, url, 'urgency')).find((f) => f.details.text === 'Flash sale')!;
  expect(flash.title).toBe('The page claims the offer is for a limited time: “Flash sale”');

  // the bare clock restarts at 09:59 on every load: once it has run five seconds, a reload shows it fake
  await expect(page.locator('#timer')).toHaveText(/^09:[0-4]\d$/, { timeout: 15000 });
  await page.reload();
  await expect.poll(async () => (await kinds(ext, url, 'urgency')).find((f) => f.details.pattern === 'countdown')?.details.resets, { timeout: 20000 }).toBe(true);
  const fake = (await kinds(ext, url, 'urgency')).find((f) => f.details.pattern === 'countdown')!;
  expect(fake.title).toContain('the deadline is fake');
  expect(Date.parse(String(fake.details.deadline))).toBeGreaterThan(Date.parse(String(fake.details.previousDeadline)));
});

test('a sale name in a modal dialog is a claim (French)', async ({ ext, server }) => {
  const url = server.url('nav-shop.test', '/modal');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(() => claims(ext, url), { timeout: 15000 }).toEqual(['limited-time: Vente flash']);
});

test('low-stock and activity claims in German, French, Spanish, Italian and Dutch; their menu, a delivery time and everyday words are not claims', async ({ ext, server }) => {
  const url = server.url('nav-shop.test', '/intl');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect
    .poll(() => claims(ext, url), { timeout: 15000 })
    .toEqual(
      [
        'activity: 11 mensen bekijken dit product',
        'activity: 12 personnes regardent cet article',
        'activity: 14 Personen sehen sich diesen Artikel gerade an',
        'activity: 7 persone stanno guardando questo articolo',
        'activity: 9 personas están viendo este producto',
        'low-stock: Nog maar 6 op voorraad',
        'low-stock: Nur noch 3 auf Lager',
        'low-stock: Plus que 2 en stock !',
        'low-stock: Solo 5 rimasti',
        'low-stock: ¡Solo quedan 4 unidades!',
      ].sort(),
    );
});
