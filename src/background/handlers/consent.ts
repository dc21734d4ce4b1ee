// Consent and rights: relays autoconsent's content-script protocol into findings, and carries out the
// person's actions (reject the banner, block a category of third parties, send GPC, draft a data
// request). UI code never touches browser APIs for these: it asks here.
import { evalSnippets } from '@duckduckgo/autoconsent';
import { applyControls } from '../../actions/apply';
import { draftDataRequest } from '../../actions/data-request';
import { capText, capUrl, type Finding } from '../../model/finding';
import type { ConsentControls } from '../../model/consent-messages';
import type { PageEvent } from '../../model/observations';
import { CONTROL } from '../../observe/consent/autoconsent';
import optIn from '../../generated/autoconsent-opt-in.json';
import { blockableDomains } from '../../report/cards';
import { companyOf } from '../../report/facts';
import { getSettings, setSetting, type Settings } from '../../storage/settings';
import { rulesForFrame, urlHasConsentRule } from '../consent-rules';
import type { Sender } from '../messages';
import type { BackgroundDeps, HandlerModule } from './types';

type Snippet = keyof typeof evalSnippets;

const AUTOCONSENT_CONFIG = {
  enabled: true,
  autoAction: null,
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  detectRetries: 20,
  isMainWorld: false,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
};

/** The frames autoconsent was loaded into lately (newest last): for the audit and the tests, through
 *  the worker's `candor` global. Page URLs stay in the worker's memory only. */
export const autoconsentLoads: { tabId: number; frameId: number; url: string; why: string }[] = [];

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

export const consentHandlers: HandlerModule = (deps) => {
  const { db, engine, browser, ignoredTabs, visitReady, reportForTab } = deps;

  async function siteOfTab(tabId: number): Promise<string | null> {
    await visitReady(tabId);
    return (await engine.visitFor(tabId))?.site ?? null;
  }

  /**
   * Blocks (or unblocks) on `site` the third-party tracker domains of the tab's report that `which`
   * picks, kept under `key` in settings (per category or per company); the rules follow the settings.
   */
  async function toggleBlock(
    tabId: number,
    site: string,
    setting: 'blocked' | 'blockedCompanies',
    key: string,
    block: boolean,
    which: (f: Finding) => boolean,
  ): Promise<{ ok: boolean; domains: string[] }> {
    const s = await getSettings(db);
    const bySite = { ...(s[setting][site] ?? {}) };
    if (block) {
      const report = await reportForTab(tabId);
      const domains = blockableDomains((report?.findings ?? []).filter(which), site);
      if (domains.length === 0) return { ok: false, domains: [] };
      bySite[key] = uniq([...(bySite[key] ?? []), ...domains]);
    } else {
      delete bySite[key];
    }
    const all = { ...s[setting] };
    if (Object.keys(bySite).length) all[site] = bySite;
    else delete all[site];
    await update({ [setting]: all });
    return { ok: true, domains: bySite[key] ?? [] };
  }

  async function update(patch: Partial<Settings>): Promise<Settings> {
    for (const [k, v] of Object.entries(patch)) await setSetting(db, k as keyof Settings, v as never);
    const s = await getSettings(db);
    await applyControls(browser, s);
    return s;
  }

  async function pageEvent(sender: Sender, data: Record<string, unknown>, at = Date.now()): Promise<void> {
    const tabId = sender.tab?.id;
    if (tabId === undefined || ignoredTabs.has(tabId)) return;
    await visitReady(tabId);
    const ev: PageEvent = { type: 'consent-cmp', at, data: { ...data, url: capUrl(sender.url ?? ''), top: sender.frameId === 0 } };
    await engine.onPageEvents(tabId, [ev]);
  }

  /** runs one of autoconsent's named MAIN-world snippets in the asking frame (never code sent by the page) */
  async function runSnippet(sender: Sender, id: unknown): Promise<unknown> {
    const tabId = sender.tab?.id;
    if (tabId === undefined || typeof id !== 'string' || !Object.prototype.hasOwnProperty.call(evalSnippets, id)) return false;
    try {
      const [res] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [sender.frameId ?? 0] },
        world: 'MAIN',
        func: evalSnippets[id as Snippet] as () => unknown,
      } as never);
      return (res as { result?: unknown } | undefined)?.result ?? false;
    } catch {
      return false;
    }
  }

  /** built from entrypoints/autoconsent.ts (an unlisted script) */
  const AUTOCONSENT_FILE = '/autoconsent.js';

  return {
    'consent/load': async ({ hint }, sender) => {
      const tabId = sender.tab?.id;
      const url = sender.url ?? '';
      if (tabId === undefined || ignoredTabs.has(tabId)) return { loaded: false };
      const frameId = sender.frameId ?? 0;
      const why = typeof hint === 'string' && hint.length > 0 ? capText(hint, 200) : urlHasConsentRule(url, frameId === 0) ? 'url' : '';
      if (!why) return { loaded: false };
      try {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [AUTOCONSENT_FILE] } as never);
        autoconsentLoads.push({ tabId, frameId, url: capUrl(url), why });
        if (autoconsentLoads.length > 50) autoconsentLoads.shift();
        return { loaded: true };
      } catch {
        return { loaded: false }; // the frame went away, or the browser does not let us in
      }
    },

    'consent/autoconsent': async ({ msg }, sender) => {
      const m = (msg ?? {}) as Record<string, unknown>;
      const cmp = capText(m.cmp, 80);
      switch (m.type) {
        case 'init': {
          const site = sender.tab?.id !== undefined ? await siteOfTab(sender.tab.id) : null;
          const s = await getSettings(db);
          const always = !!site && s.alwaysRejectSites.includes(site);
          return { reply: { type: 'initResp', config: { ...AUTOCONSENT_CONFIG, autoAction: always ? 'optOut' : null }, rules: { compact: rulesForFrame(sender.url ?? '', (sender.frameId ?? 0) === 0) } } };
        }
        case 'eval':
          return { reply: { type: 'evalResp', id: String(m.id ?? ''), result: await runSnippet(sender, m.snippetId) } };
        case 'cmpDetected':
          await pageEvent(sender, { phase: 'detected', cmp });
          return { reply: null };
        case 'popupFound':
          await pageEvent(sender, {
            phase: 'popup',
            cmp,
            ...(typeof m.rejectOnFirstLayer === 'boolean' ? { rejectOnFirstLayer: m.rejectOnFirstLayer } : {}),
            buttons: Array.isArray(m.buttons) ? m.buttons.slice(0, 8).map((b) => capText(b, 40)) : [],
          });
          return { reply: null };
        case 'optOutResult':
          if (m.result === true) await pageEvent(sender, { phase: 'choice', cmp, choice: 'rejected', by: 'candor' });
          return { reply: null };
        case 'optInResult':
          if (m.result === true) await pageEvent(sender, { phase: 'choice', cmp, choice: 'accepted', by: 'candor' });
          return { reply: null };
        case 'candor:choice': {
          const at = typeof m.at === 'number' && Math.abs(m.at - Date.now()) < 3_600_000 ? m.at : Date.now();
          await pageEvent(sender, { phase: 'choice', cmp, choice: m.choice, by: 'person' }, at);
          return { reply: null };
        }
        default:
          return { reply: null };
      }
    },

    'consent/controls': async ({ tabId }) => {
      const site = await siteOfTab(tabId);
      if (!site) return { controls: null };
      const s = await getSettings(db);
      const controls: ConsentControls = {
        site,
        alwaysReject: s.alwaysRejectSites.includes(site),
        blocked: s.blocked[site] ?? {},
        gpc: { all: s.gpcAll, site: s.gpcAll || s.gpcSites.includes(site), wellKnownCheck: s.gpcWellKnownCheck },
      };
      return { controls };
    },

    'consent/reject': async ({ tabId, always }) => {
      const site = await siteOfTab(tabId);
      if (always && site) {
        const s = await getSettings(db);
        await update({ alwaysRejectSites: uniq([...s.alwaysRejectSites, site]) });
      }
      try {
        const res = (await browser.tabs.sendMessage(tabId, { type: CONTROL })) as { ok?: boolean; cmp?: string } | undefined;
        if (res?.ok) return { ok: true, message: `Rejected the ${res.cmp ?? ''} banner for you.`.replace('  ', ' ') };
        return { ok: false, message: 'The banner was found, but rejecting it did not work. Look for a “reject” or “necessary only” button.' };
      } catch {
        return { ok: false, message: always ? 'No banner is showing now; it will be rejected on your next visits.' : 'Candor found no consent banner to reject on this page.' };
      }
    },

    'consent/accept': async ({ tabId }) => {
      // The compact rules in the page carry no opt-in steps: hand over those of the CMP found here
      // (code-based CMPs such as Klaro opt in by their own code and need none).
      const report = await reportForTab(tabId);
      const cmp = report?.findings.find((f) => f.kind === 'consent-banner' && typeof f.details.cmp === 'string')?.details.cmp as string | undefined;
      const steps = cmp && Object.prototype.hasOwnProperty.call(optIn.steps, cmp) ? (optIn.steps as Record<string, unknown[]>)[cmp] : undefined;
      try {
        const res = (await browser.tabs.sendMessage(tabId, { type: CONTROL, action: 'optIn', ...(steps ? { steps } : {}) })) as { ok?: boolean; cmp?: string } | undefined;
        if (res?.ok) return { ok: true, message: `Accepted the ${res.cmp ?? ''} banner.`.replace('  ', ' ') };
        return { ok: false, message: 'The banner was found, but accepting it did not work.' };
      } catch {
        return { ok: false, message: 'Candor found no consent banner to accept on this page.' };
      }
    },

    'consent/always-reject': async ({ tabId, on }) => {
      const site = await siteOfTab(tabId);
      if (!site) return { ok: false };
      const s = await getSettings(db);
      await update({ alwaysRejectSites: on ? uniq([...s.alwaysRejectSites, site]) : s.alwaysRejectSites.filter((x) => x !== site) });
      return { ok: true };
    },

    'consent/block': async ({ tabId, category, block }) => {
      const site = await siteOfTab(tabId);
      if (!site || typeof category !== 'string') return { ok: false, domains: [], message: 'No page is open in this tab.' };
      const r = await toggleBlock(tabId, site, 'blocked', category, block, (f) => f.category === category);
      if (!r.ok) return { ...r, message: `No ${category} third parties were seen on this page.` };
      return { ...r, message: block ? `Blocked on ${site}: ${r.domains.join(', ')}. Reload the page to see it without them.` : `Unblocked ${category} on ${site}.` };
    },

    'company/block': async ({ tabId, company, block }) => {
      const site = await siteOfTab(tabId);
      if (!site || typeof company !== 'string' || !company) return { ok: false, domains: [] };
      return toggleBlock(tabId, site, 'blockedCompanies', company, block, (f) => companyOf(f) === company);
    },

    'gpc/set': async ({ scope, tabId, on }) => {
      const s = await getSettings(db);
      if (scope === 'all') await update({ gpcAll: on });
      else if (scope === 'well-known-check') await update({ gpcWellKnownCheck: on });
      else {
        const site = tabId !== undefined ? await siteOfTab(tabId) : null;
        if (!site) return { ok: false };
        await update({ gpcSites: on ? uniq([...s.gpcSites, site]) : s.gpcSites.filter((x) => x !== site) });
      }
      return { ok: true };
    },

    'rights/draft': async ({ tabId, request, law }) => {
      const report = await reportForTab(tabId);
      if (!report) return { draft: null };
      const req = request === 'deletion' ? 'deletion' : 'access';
      const lw = law === 'ccpa' ? 'ccpa' : 'gdpr';
      return { draft: draftDataRequest({ site: report.site, request: req, law: lw, findings: report.findings, date: new Date().toISOString().slice(0, 10) }) };
    },
  };
};

/** Re-applies the rules and the GPC script from settings (the background starts, or settings were restored). */
export async function restoreControls(deps: Pick<BackgroundDeps, 'db' | 'browser'>): Promise<void> {
  await applyControls(deps.browser, await getSettings(deps.db));
}
