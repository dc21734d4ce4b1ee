// Takes every customer view of a page: each view is one ordinary audit (auditUrls, the same built
// extension, the same detectors) in a fresh profile of its own, with its visitor applied; views run
// side by side, at most `concurrency` browsers at once. A view never shares or keeps a profile, so it
// cannot change the person's own browser or another view.
import { auditUrls, type AuditOptions, type AuditResult, isAuditError } from '../audit';
import { NoBrowserError } from '../find-browser';
import { DEFAULT_TIMEOUT, DEFAULT_WAIT } from '../visit';
import { mergePageReports } from '../site-summary';
import type { SiteReport } from '../../model/report';
import { answerConsent, checkPrice, type ConsentAnswer, type PageSeen, type PriceRead, seePage } from './page-steps';
import type { ViewSpec } from './spec';
import { visitorFor } from './visitor';

export interface ViewRun {
  spec: ViewSpec;
  report?: SiteReport;
  error?: string;
  seen?: PageSeen;
  answer?: ConsentAnswer;
  /** the prices the extension read on the measured pages */
  prices?: PriceRead[];
}

export type ViewsAuditOptions = Omit<AuditOptions, 'profileDir' | 'concurrency' | 'visitor' | 'afterLoad' | 'onResult' | 'onDone' | 'popupScreenshot'>;

export interface RunViewsOptions {
  /** browsers at once (each view is one browser) */
  concurrency: number;
  /** keep a screenshot of each view's first page */
  screenshots: boolean;
  /** called as each view finishes, in any order */
  onView?(run: ViewRun): void;
}

/** Runs `n` tasks with at most `limit` at a time, results in task order. */
export async function pool<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, n)) }, lane));
  return out;
}

export async function takeView(urls: readonly string[], spec: ViewSpec, base: ViewsAuditOptions, screenshots: boolean): Promise<ViewRun> {
  // returning: the same URLs once first, in the same profile; the second round is what is measured
  const warmUp = spec.kind === 'returning' ? urls.length : 0;
  const list = spec.kind === 'returning' ? [...urls, ...urls] : [...urls];
  const run: ViewRun = { spec };
  const log = base.log ?? (() => {});
  const choice = spec.kind === 'rejected' ? 'rejected' : spec.kind === 'accepted' ? 'accepted' : null;
  const results: AuditResult[] = await auditUrls(list, {
    ...base,
    concurrency: 1,
    // the views answer the banner themselves (only rejected and accepted do) and check every price:
    // with --interact, the probes that would do the same again, or reject the baseline's banner, stay off
    disabledProbes: [...(base.disabledProbes ?? []), 'clean-price', 'reject-consent'],
    visitor: visitorFor(spec),
    // through the audit's browser-neutral seam (src/cli/driver.ts): the same steps in either browser
    afterLoad: async (page, ctx) => {
      if (ctx.index < warmUp) return;
      if (ctx.index === warmUp) {
        if (choice) {
          const a = await answerConsent(page, ctx, choice, { wait: base.wait ?? DEFAULT_WAIT, timeout: base.timeout ?? DEFAULT_TIMEOUT, log });
          if (a) run.answer = a;
        }
        run.seen = await seePage(page, screenshots);
      }
      const p = await checkPrice(ctx.ext, ctx.tabId, ctx.url);
      if (p) (run.prices ??= []).push(p);
    },
  });
  const measured = results.slice(warmUp);
  const failed = results.find(isAuditError);
  if (failed) {
    run.error = list.length > 1 ? `${failed.url}: ${failed.error}` : failed.error;
    return run;
  }
  const reports = measured as SiteReport[];
  run.report = reports.length === 1 ? reports[0]! : mergePageReports(reports);
  return run;
}

export async function runViews(urls: readonly string[], specs: readonly ViewSpec[], base: ViewsAuditOptions, o: RunViewsOptions): Promise<ViewRun[]> {
  return pool(specs.length, o.concurrency, async (i) => {
    let r: ViewRun;
    try {
      r = await takeView(urls, specs[i]!, base, o.screenshots);
    } catch (e) {
      if (e instanceof NoBrowserError) throw e;
      // a browser that would not start for this visitor (e.g. GPC could not be turned on)
      r = { spec: specs[i]!, error: `could not take this view: ${String((e as Error)?.message ?? e).split('\n')[0]}` };
    }
    o.onView?.(r);
    return r;
  });
}
