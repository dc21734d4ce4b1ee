// Which of autoconsent's rules a frame needs, decided in the background where the ~800 rules are
// parsed once per worker instead of once per frame. Pure: no browser API.
import { filterCompactRules, type CompactCMPRuleset, type IndexedCMPRuleset } from '@duckduckgo/autoconsent';
import compactRules from '@duckduckgo/autoconsent/rules/compact-rules.json';

const RULES = compactRules as unknown as IndexedCMPRuleset;

/**
 * Code-based CMPs of autoconsent whose detection depends on the URL rather than on a selector
 * (lib/cmps/tiktok.ts, tumblr-com.ts, sourcepoint-frame.ts): loaded for these URLs without a hint.
 */
const CODE_CMP_URLS = [/tiktok/, /^https:\/\/(www\.)?tumblr\.com\//, /^https?:\/\/[^/]*sp-prod\.net\//, /^https?:\/\/[^/]*privacy-mgmt\.com\//];

let mainPatterns: RegExp[] | null = null;
let framePatterns: RegExp[] | null = null;

/** autoconsent's run contexts (lib/encoding.ts shouldRunRuleInContext): 1 runs in frames only;
 *  10, 12, 20 and 22 in the top frame only */
function runsIn(runContext: number, mainFrame: boolean): boolean {
  return mainFrame ? runContext !== 1 : ![20, 22, 10, 12].includes(runContext);
}

function compile(range: readonly number[], mainFrame: boolean): RegExp[] {
  const out: RegExp[] = [];
  for (const r of RULES.r.slice(range[0], range[1])) {
    if (!r[3] || !runsIn(r[4], mainFrame)) continue;
    try {
      out.push(new RegExp(r[3]));
    } catch {
      // a pattern this engine does not understand: autoconsent would fail on it too
    }
  }
  return out;
}

/** Does one of autoconsent's site-specific rules (or URL-detected CMPs) name this frame's URL? */
export function urlHasConsentRule(url: string, mainFrame: boolean): boolean {
  const patterns = mainFrame ? (mainPatterns ??= compile(RULES.index.specificRuleRange, true)) : (framePatterns ??= compile(RULES.index.frameRuleRange, false));
  return patterns.some((p) => p.test(url)) || CODE_CMP_URLS.some((p) => p.test(url));
}

/** Only the rules that can run in this frame: generic ones plus those whose URL pattern matches. */
export function rulesForFrame(url: string, mainFrame: boolean): CompactCMPRuleset {
  return filterCompactRules(RULES, { url, mainFrame });
}
