// "Who is present": the companies on a page grouped by what they do (advertising, analytics, …),
// for the popup's at-a-glance visual and the HTML export. Pure: a report in, rows out.
import type { Finding } from '../model/finding';
import type { SiteReport } from '../model/report';

export interface PresenceRow {
  category: string;
  companies: string[];
}

/** Kinds whose company is "present" on the page and gets something from your visit. */
const PRESENT_KINDS = new Set<Finding['kind']>(['tracker', 'session-replay', 'fingerprinting', 'keylogging', 'pii-leak', 'experiment', 'personalization', 'pricing-engine', 'ai-chat', 'consent-banner']);

const CATEGORY_OF_KIND: Partial<Record<Finding['kind'], string>> = {
  'session-replay': 'session-replay',
  fingerprinting: 'other',
  experiment: 'ab-testing',
  personalization: 'personalization',
  'pricing-engine': 'personalization',
  'ai-chat': 'customer-interaction',
  'consent-banner': 'consent',
};

/** Display order: the categories that take the most from you first. */
export const PRESENCE_ORDER = ['advertising', 'session-replay', 'analytics', 'social', 'cdp', 'personalization', 'ab-testing', 'customer-interaction', 'consent', 'other'];

export function presenceByCategory(report: Pick<SiteReport, 'findings'>): PresenceRow[] {
  const by = new Map<string, Set<string>>();
  for (const f of report.findings) {
    if (!PRESENT_KINDS.has(f.kind) || f.assessment === 'good') continue;
    const who = f.company ?? f.vendor;
    if (!who) continue;
    const cat = f.category && PRESENCE_ORDER.includes(f.category) ? f.category : (CATEGORY_OF_KIND[f.kind] ?? 'other');
    const set = by.get(cat) ?? new Set<string>();
    set.add(who);
    by.set(cat, set);
  }
  return [...by.entries()]
    .map(([category, s]) => ({ category, companies: [...s].sort((a, b) => a.localeCompare(b)) }))
    .sort((a, b) => PRESENCE_ORDER.indexOf(a.category) - PRESENCE_ORDER.indexOf(b.category));
}

/** Distinct companies across all categories (a company may appear in two). */
export function companyCount(rows: readonly PresenceRow[]): number {
  return new Set(rows.flatMap((r) => r.companies)).size;
}
