// The declarativeNetRequest dynamic rules Candor's consent controls need, computed from settings
// alone (pure, unit-tested): Sec-GPC on all sites or some, and per-site blocks of tracker categories
// (the consent panel) and of companies (a company card's button).
// The whole set is rebuilt on every change, so undo is "compute again without it".
import type { Settings } from '../storage/settings';

/** our rule ids live in this range; rules of other features are left alone */
export const RULE_ID_MIN = 600_000;
export const RULE_ID_MAX = 699_999;

const SUB_RESOURCES = ['sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest', 'ping', 'media', 'websocket', 'other'] as const;
const ALL_RESOURCES = ['main_frame', ...SUB_RESOURCES] as const;

export interface DnrRule {
  id: number;
  priority: number;
  action:
    | { type: 'block' }
    | { type: 'modifyHeaders'; requestHeaders: { header: string; operation: 'set'; value: string }[] };
  condition: {
    requestDomains?: string[];
    initiatorDomains?: string[];
    resourceTypes: string[];
    domainType?: 'thirdParty' | 'firstParty';
  };
}

const GPC_HEADER = { type: 'modifyHeaders' as const, requestHeaders: [{ header: 'Sec-GPC', operation: 'set' as const, value: '1' }] };

export function buildDnrRules(s: Pick<Settings, 'gpcAll' | 'gpcSites' | 'blocked'> & Partial<Pick<Settings, 'blockedCompanies'>>): DnrRule[] {
  const rules: Omit<DnrRule, 'id'>[] = [];
  if (s.gpcAll) {
    rules.push({ priority: 1, action: GPC_HEADER, condition: { resourceTypes: [...ALL_RESOURCES] } });
  } else if (s.gpcSites.length) {
    const sites = [...new Set(s.gpcSites)].sort();
    // the site's own pages, and every request its pages make (third parties included: they are the ones selling)
    rules.push({ priority: 1, action: GPC_HEADER, condition: { requestDomains: sites, resourceTypes: ['main_frame', 'sub_frame'] } });
    rules.push({ priority: 1, action: GPC_HEADER, condition: { initiatorDomains: sites, resourceTypes: [...SUB_RESOURCES] } });
  }
  for (const blocks of [s.blocked, s.blockedCompanies ?? {}]) {
    for (const site of Object.keys(blocks).sort()) {
      for (const what of Object.keys(blocks[site] ?? {}).sort()) {
        const domains = [...new Set(blocks[site]![what] ?? [])].filter((d) => d && d !== site).sort();
        if (domains.length === 0) continue;
        rules.push({
          priority: 2,
          action: { type: 'block' },
          condition: { requestDomains: domains, initiatorDomains: [site], domainType: 'thirdParty', resourceTypes: [...SUB_RESOURCES] },
        });
      }
    }
  }
  return rules.map((r, i) => ({ ...r, id: RULE_ID_MIN + i }));
}

/** `*://site/*` and `*://*.site/*` for content-script registration on one site */
export function matchPatternsFor(sites: readonly string[]): string[] {
  return [...new Set(sites)].sort().flatMap((s) => [`*://${s}/*`, `*://*.${s}/*`]);
}
