// The clean-visit price check ($heriff, Mikians et al.; control pairs after Hannak et al.). Only ever on
// the user's request: the page's URL is fetched twice without cookies or credentials, the price read from
// each HTML string, and your price reported as different only when it differs by more than the two clean
// visits differ from each other. This is one of the only two requests Candor ever makes by itself.
import { compareWithClean } from '../../detectors/fairness/price-logic';
import { extractPriceFromHtml } from '../../detectors/fairness/price-extract';
import { capText, capUrl, type FindingDraft } from '../../model/finding';
import type { CleanCheckResult } from '../../model/messages';
import type { VisitInfo } from '../../model/observations';
import { money as formatMoney } from '../../report/kinds/fairness';
import type { CandorDb } from '../../storage/db';
import { priceOfVisit } from '../services/prices';
import type { HandlerModule } from './types';

const MAX_HTML = 2_000_000;


/** A request as a first-time visitor makes it: no cookies, no HTTP auth, no referrer, no cache. */
export async function fetchClean(url: string): Promise<string> {
  const r = await fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'follow', referrerPolicy: 'no-referrer' });
  if (!r.ok) throw new Error(`the site answered HTTP ${r.status}`);
  return (await r.text()).slice(0, MAX_HTML);
}

export interface CleanCheckDeps {
  db: CandorDb;
  fetchText(url: string): Promise<string>;
  store(visit: VisitInfo, drafts: FindingDraft[]): Promise<void>;
  now(): number;
}

function money(n: number | null | undefined, currency: string): string {
  return n == null ? 'no price' : formatMoney(n, currency);
}

/** Runs the check for a visit, stores a finding and the result, and returns the result. */
export async function runCleanCheck(visit: VisitInfo, deps: CleanCheckDeps): Promise<CleanCheckResult> {
  const { db } = deps;
  const mine = await priceOfVisit(db, visit.site, visit.visitId);
  const done = async (r: CleanCheckResult) => {
    await db.cleanChecks.put({ visitId: visit.visitId, site: visit.site, at: r.at, result: r });
    return r;
  };
  if (!mine) return done({ status: 'no-price', message: 'Candor found no product price on this page to compare.', at: deps.now() });
  let path = '';
  try {
    path = new URL(visit.url).pathname;
  } catch {
    // keep ''
  }
  const clean: ReturnType<typeof extractPriceFromHtml>[] = [];
  try {
    // one after the other, not in parallel: two simultaneous requests are not two visits
    for (let i = 0; i < 2; i++) clean.push(extractPriceFromHtml(await deps.fetchText(visit.url), path));
  } catch (e) {
    return done({ status: 'failed', message: capText(`The clean visit failed: ${(e as Error)?.message ?? e}`), at: deps.now() });
  }
  // the same product, read the same way; a different product on the clean page means no comparison
  const prices = clean.map((c) => (c && c.productKey === mine.productKey ? c.price : null));
  const cmp = compareWithClean(mine.price, prices, { you: mine.currency, clean: clean.map((c) => c?.currency ?? '') });
  const cur = mine.currency;
  const message =
    cmp.verdict === 'differs'
      ? `You are shown ${money(mine.price, cur)}; a visitor without your cookies is shown ${money(cmp.clean, cur)}.`
      : cmp.verdict === 'same'
        ? `A visitor without your cookies is shown the same price, ${money(mine.price, cur)}.`
        : cmp.verdict === 'within-noise'
          ? `The price moves by itself on this page (two clean visits saw ${money(prices[0], cur)} and ${money(prices[1], cur)}), so your ${money(mine.price, cur)} cannot be told apart from that.`
          : 'Candor could not read the same product’s price from a clean visit.';
  const result: CleanCheckResult = { status: 'done', verdict: cmp.verdict, product: mine.product, currency: cur, you: mine.price, clean: prices, message, at: deps.now() };
  if (cmp.verdict === 'differs' || cmp.verdict === 'same') {
    await deps.store(visit, [
      {
        kind: 'price-difference',
        key: `price-difference:${mine.productKey}`,
        source: 'dom',
        confidence: cmp.noise > 0 ? 'likely' : 'certain',
        assessment: cmp.verdict === 'same' ? 'good' : 'concern',
        evidence: [{ url: capUrl(visit.url), detail: capText(`your page: ${money(mine.price, cur)}; two clean visits: ${money(prices[0], cur)}, ${money(prices[1], cur)}`), at: new Date(deps.now()).toISOString() }],
        details: { product: mine.product, you: mine.price, clean: cmp.clean, currency: cur, control: prices, same: cmp.verdict === 'same' },
      },
    ]);
  }
  return done(result);
}

export const pricesHandlers: HandlerModule = ({ db, engine, ignoredTabs }) => ({
  'prices/clean-check': async ({ tabId }) => {
    const visit = typeof tabId === 'number' && !ignoredTabs.has(tabId) ? await engine.visitFor(tabId) : undefined;
    if (!visit || !/^https?:\/\//i.test(visit.url)) return { status: 'no-price', message: 'Candor has no page to compare in this tab.', at: Date.now() };
    await engine.writer.whenIdle(); // the page's own price must be stored first
    return runCleanCheck(visit, { db, fetchText: fetchClean, store: (v, d) => engine.writer.add(v, d), now: Date.now });
  },
});
