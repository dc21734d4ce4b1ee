// What a customer view does on its page, through the extension like a person would through the popup:
// answer the consent banner (autoconsent's opt-out or opt-in, run by the background) and reload; ask
// the extension's clean-visit price check so the view's report carries the price it was shown; and
// keep what the customer saw first (the headline, a screenshot). Nothing here detects anything.
import { capText } from '../../model/finding';
import type { CleanCheckResult } from '../../model/messages';
import type { AuditBrowser, AuditPage } from '../driver';

export interface ConsentAnswer {
  choice: 'rejected' | 'accepted';
  ok: boolean;
  /** the extension's own words */
  message: string;
  url: string;
}

export interface PageSeen {
  url: string;
  /** the first visible <h1>, else the title (capped, whitespace collapsed) */
  headline: string;
  /** JPEG of the viewport, in CSS pixels */
  screenshot?: Buffer;
}

const HINT_TRIES = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Was autoconsent loaded into any frame of this tab, i.e. may there be a banner to answer? */
async function consentPlatformHinted(ext: AuditBrowser, tabId: number): Promise<boolean> {
  return ext.inExtension((x, id: number) => ((x.candor.autoconsentLoads ?? []) as { tabId: number }[]).some((l) => l.tabId === id), tabId);
}

/**
 * Answers the page's consent banner through the extension, then reloads so the page is seen as it
 * is after the answer. `null` when the page has no consent platform at all: there was nothing to
 * answer, so the view is the same first page view as the baseline (no reload).
 */
export async function answerConsent(
  page: AuditPage,
  ctx: { ext: AuditBrowser; tabId: number; url: string },
  choice: 'rejected' | 'accepted',
  o: { wait: number; timeout: number; log(m: string): void },
): Promise<ConsentAnswer | null> {
  const msg = choice === 'rejected' ? { type: 'consent/reject', tabId: ctx.tabId, always: false } : { type: 'consent/accept', tabId: ctx.tabId };
  let reply: { ok: boolean; message: string } = { ok: false, message: '' };
  // the extension loads autoconsent a moment after it sees a consent platform's traces (later on a
  // busy machine): wait for that up to HINT_TRIES × 500 ms, then there is nothing to answer
  for (let i = 0; !(await consentPlatformHinted(ctx.ext, ctx.tabId)); i++) {
    if (i >= HINT_TRIES) return null;
    await sleep(500);
  }
  // a banner may render a moment after the page settled: ask again for a few seconds
  for (let i = 0; i < 10; i++) {
    reply = ((await ctx.ext.sendMessage(msg)) as typeof reply | null) ?? { ok: false, message: 'no answer from the extension' };
    if (reply.ok) break;
    await sleep(500);
  }
  o.log(`views: ${choice === 'rejected' ? 'reject' : 'accept'} on ${ctx.url}: ${reply.message}`);
  if (!reply.ok) return { choice, ok: false, message: capText(reply.message, 300), url: ctx.url };
  // the CMP stores the answer (a cookie) as it closes; then the page as a returning answerer sees it
  await sleep(300);
  await page.reload({ waitUntil: 'load', timeout: o.timeout });
  await sleep(o.wait);
  return { choice, ok: true, message: capText(reply.message, 300), url: ctx.url };
}

/** The price the extension read on the view's page, as its price check answered. */
export interface PriceRead {
  url: string;
  product: string;
  price: number;
  currency: string;
  /** the extension's own words about the comparison */
  message: string;
}

/**
 * The extension's clean-visit price check ("Compare with a clean visit"), asked for this tab. It
 * stores a `price-difference` finding when the comparison is clear; its answer carries the price read
 * either way (for a page whose price moves by itself, or whose clean visit came in another currency).
 */
export async function checkPrice(ext: AuditBrowser, tabId: number, url: string): Promise<PriceRead | null> {
  for (let i = 0; i < 2; i++) {
    const r = (await ext.sendMessage({ type: 'prices/clean-check', tabId })) as CleanCheckResult | null;
    if (r?.status === 'done' && typeof r.you === 'number' && Number.isFinite(r.you)) {
      return { url, product: capText(r.product, 200), price: r.you, currency: capText(r.currency, 8), message: capText(r.message, 300) };
    }
    // a late DOM scan may not have stored the page's price yet: one more try
    if (r?.status !== 'no-price') return null;
    await sleep(800);
  }
  return null;
}

export async function seePage(page: AuditPage, screenshot: boolean): Promise<PageSeen> {
  // no named inner functions: tsx's keepNames would wrap them in a helper the page lacks
  const headline = await page
    .evaluate(() => {
      const h = Array.from(document.querySelectorAll('h1')).find((e) => (e as HTMLElement).offsetParent !== null || (e as HTMLElement).getClientRects().length > 0) as HTMLElement | undefined;
      return (h?.innerText || document.title || '').slice(0, 2000);
    })
    .catch(() => '');
  const shot = screenshot ? await page.screenshot({ type: 'jpeg', quality: 70, scale: 'css', timeout: 10000 }).catch(() => undefined) : undefined;
  return { url: page.url(), headline: capText(headline.replace(/\s+/g, ' ').trim(), 300), ...(shot ? { screenshot: shot } : {}) };
}
