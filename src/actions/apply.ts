// The browser edge of the consent controls: installs the DNR rules and the MAIN-world GPC script
// computed from settings. Called after every settings change and when the background starts.
import type { WxtBrowser } from 'wxt/browser';
import type { Settings } from '../storage/settings';
import { buildDnrRules, matchPatternsFor, RULE_ID_MAX, RULE_ID_MIN } from './dnr-rules';

export const GPC_SCRIPT_ID = 'candor-gpc';
/** built from entrypoints/gpc-flag.ts (an unlisted script) */
export const GPC_SCRIPT_FILE = 'gpc-flag.js';

export async function applyDnr(browser: WxtBrowser, s: Settings): Promise<void> {
  const dnr = browser.declarativeNetRequest;
  const existing = await dnr.getDynamicRules();
  const ours = existing.map((r) => r.id).filter((id) => id >= RULE_ID_MIN && id <= RULE_ID_MAX);
  await dnr.updateDynamicRules({ removeRuleIds: ours, addRules: buildDnrRules(s) as never });
}

/**
 * navigator.globalPrivacyControl must be true before the page's first script runs, and a MAIN-world
 * script cannot read extension storage in time: so a script is registered only while GPC is on, for
 * the sites it is on for.
 */
export async function applyGpcScript(browser: WxtBrowser, s: Settings): Promise<void> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return;
  const have = await scripting.getRegisteredContentScripts({ ids: [GPC_SCRIPT_ID] }).catch(() => []);
  if (have.length) await scripting.unregisterContentScripts({ ids: [GPC_SCRIPT_ID] });
  const matches = s.gpcAll ? ['<all_urls>'] : matchPatternsFor(s.gpcSites);
  if (matches.length === 0) return;
  await scripting.registerContentScripts([
    { id: GPC_SCRIPT_ID, js: [GPC_SCRIPT_FILE], matches, runAt: 'document_start', allFrames: true, world: 'MAIN' } as never,
  ]);
}

export async function applyControls(browser: WxtBrowser, s: Settings): Promise<void> {
  await applyDnr(browser, s);
  await applyGpcScript(browser, s);
}
