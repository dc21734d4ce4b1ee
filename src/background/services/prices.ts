// Price history and fake deadlines: the two fairness checks that need memory across visits. Keeps one
// row per product per visit in the `prices` table, reports a price that differs from the last visit,
// and remembers each countdown's deadline in `countdowns` to catch a timer that restarts when you come
// back. Both rows are stored with the finding they lead to, in the writer's transaction
// (ServiceContext.remember): a worker killed before the finding is stored keeps neither, so the page's
// next snapshot (the content script re-sends what was not answered) finds the comparison again.
import { countdownReset, type CountdownSeen, sameCurrency, samePrice } from '../../detectors/fairness/price-logic';
import type { ExtractedPrice } from '../../detectors/fairness/price-extract';
import { countdownSlackMs } from '../../detectors/fairness/urgency-classify';
import { capText, capUrl, type FindingDraft } from '../../model/finding';
import type { DomSnapshot } from '../../model/observations';
import type { CandorDb, PriceRow } from '../../storage/db';
import type { BackgroundService, ServiceContext } from '../services';
import { CAPS } from '../caps';
import { applyState, type StateRow } from '../table-caps';

/** Hands the row to the writer (stored with the findings), or stores it now when run on its own. */
async function keep(ctx: ServiceContext, s: StateRow): Promise<void> {
  if (ctx.remember) return ctx.remember(s);
  const { db } = ctx;
  const refused = await db.transaction('rw', [db.prices, db.countdowns], () => applyState(db, [s], ctx.caps ?? { ...CAPS }));
  if (refused.size) ctx.refused?.(1);
}

/** Every price seen for a product on a site, oldest first. */
export async function priceHistory(db: CandorDb, site: string, productKey: string): Promise<PriceRow[]> {
  return db.prices.where('[site+productKey]').equals([site, productKey]).sortBy('at');
}

/** The price recorded for a visit (the latest product seen on it), if any. */
export async function priceOfVisit(db: CandorDb, site: string, visitId: string): Promise<PriceRow | undefined> {
  const rows = await db.prices.where('site').equals(site).filter((r) => r.visitId === visitId).sortBy('at');
  return rows[rows.length - 1];
}

function validPrice(p: unknown): p is ExtractedPrice {
  const x = p as ExtractedPrice;
  return !!x && typeof x.price === 'number' && Number.isFinite(x.price) && x.price >= 0 && typeof x.productKey === 'string' && !!x.productKey;
}

async function recordPrice(snap: DomSnapshot, p: ExtractedPrice, ctx: ServiceContext): Promise<FindingDraft[]> {
  const { db, visit, now } = ctx;
  const productKey = capText(p.productKey, 120);
  const row: PriceRow = {
    // one row per product and visit: the writer keeps the visit's first
    id: `${visit.site}|${productKey}|${visit.visitId}`,
    site: visit.site,
    productKey,
    product: capText(p.product, 200),
    price: p.price,
    currency: capText(p.currency, 8),
    url: capUrl(snap.url),
    at: now,
    visitId: visit.visitId,
  };
  const all = await priceHistory(db, visit.site, productKey);
  // rescans of the same page add nothing once this visit's row is stored; before that (snapshots close
  // together) each finds the same comparison, which the writer merges into one finding
  if (all.some((r) => r.visitId === visit.visitId)) return [];
  const history = all;
  await keep(ctx, { table: 'prices', row });
  const last = history[history.length - 1];
  if (!last || samePrice(last.price, p.price) || !sameCurrency(last.currency, row.currency)) return [];
  const first = history[0]!;
  return [
    {
      kind: 'price-change',
      key: `price-change:${productKey}`,
      source: 'dom',
      confidence: 'likely',
      evidence: [
        { url: capUrl(last.url), detail: capText(`${last.price} ${last.currency} on your visit of ${new Date(last.at).toISOString().slice(0, 10)}`), at: new Date(last.at).toISOString() },
        { url: capUrl(snap.url), detail: capText(`${p.price} ${row.currency} now`), at: new Date(now).toISOString() },
      ],
      details: {
        product: row.product,
        before: last.price,
        after: p.price,
        currency: row.currency || last.currency,
        firstSeen: new Date(first.at).toISOString(),
        beforeAt: new Date(last.at).toISOString(),
        visitsSeen: history.length + 1,
      },
    },
  ];
}

function countdownKey(site: string, url: string, text: string): string {
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    // keep the site-wide key
  }
  return `${site}|${path}|${text.replace(/\d+/g, '#').slice(0, 100)}`;
}

async function checkCountdowns(snap: DomSnapshot, ctx: ServiceContext): Promise<FindingDraft[]> {
  const claims = Array.isArray(snap.sections.urgency) ? (snap.sections.urgency as { pattern?: string; text?: string; deadline?: number }[]) : [];
  const out: FindingDraft[] = [];
  for (const c of claims.slice(0, 5)) {
    if (c?.pattern !== 'countdown' || typeof c.deadline !== 'number' || typeof c.text !== 'string') continue;
    const key = countdownKey(ctx.visit.site, snap.url, c.text);
    const { db } = ctx;
    const deadline = c.deadline;
    const row = await db.countdowns.get(key);
    const prev: CountdownSeen | undefined = row ? { deadline: row.deadline, visitId: row.visitId, at: row.at } : undefined;
    if (prev?.visitId === ctx.visit.visitId) continue; // the first reading of this visit stands
    await keep(ctx, { table: 'countdowns', row: { id: key, site: ctx.visit.site, deadline, visitId: ctx.visit.visitId, at: ctx.now } });
    if (countdownReset(prev, c.deadline, ctx.visit.visitId, ctx.now, countdownSlackMs(c.text))) {
      out.push({
        kind: 'urgency',
        key: 'urgency:countdown',
        source: 'dom',
        confidence: 'likely',
        evidence: [{ url: capUrl(snap.url), detail: capText(`the timer said it ends ${new Date(prev!.deadline).toISOString()}; on your return it ends ${new Date(c.deadline).toISOString()}`), at: new Date(ctx.now).toISOString() }],
        details: { pattern: 'countdown', text: capText(c.text, 200), resets: true, previousDeadline: new Date(prev!.deadline).toISOString(), deadline: new Date(c.deadline).toISOString() },
      });
    }
  }
  return out;
}

export const pricesService: BackgroundService = {
  id: 'prices',
  async onDom(snap, ctx) {
    if (!snap.isTop) return [];
    const out: FindingDraft[] = [];
    const sec = snap.sections.prices as { price?: unknown } | undefined;
    if (validPrice(sec?.price)) out.push(...(await recordPrice(snap, sec.price, ctx)));
    out.push(...(await checkCountdowns(snap, ctx)));
    return out;
  },
};
