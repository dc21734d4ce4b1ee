// One card per company: the privacy findings that name the same organisation (its trackers, cookies
// and other identifiers, fingerprinting, screen recording, key logging, contact details sent to it)
// read as one card, so "Google" with its four products is one thing a person reads once, not four
// entries each with the same explanation. The grouping is for display only: the report's findings
// stay one per finding (docs/report.md). Pure: findings in, cards out.
import type { Assessment, Finding } from '../model/finding';
import type { DataKind } from '../model/report';
import { dataKindOf } from './build';
import { companyOf } from './facts';

/** the kinds a company card gathers: what a company learns about you through this page */
export const CARD_KINDS: ReadonlySet<Finding['kind']> = new Set(['session-replay', 'keylogging', 'pii-leak', 'fingerprinting', 'tracker', 'identifier']);

export interface CompanyCard {
  company: string;
  /** indexes into the findings given, strongest evidence first */
  items: number[];
  /** concern when any of its findings is one; good when every one is credited (all blocked) */
  assessment: Assessment;
  /** the strongest finding: its explanation and advice speak for the card, once */
  lead: number;
  /** tracker categories of its products, most intrusive first */
  categories: string[];
  /** what it learns (the data-use map's kinds), in the order of DATA_ORDER */
  data: DataKind[];
}

// the order the report's scoring weighs them in (src/report/kinds/privacy.ts): a recording of the
// screen and typed input before tracking by address, advertising before analytics
const KIND_RANK: Partial<Record<Finding['kind'], number>> = { 'session-replay': 0, keylogging: 1, 'pii-leak': 2, fingerprinting: 3, tracker: 4, identifier: 5 };
const CATEGORY_RANK = ['session-replay', 'advertising', 'social', 'cdp', 'analytics', 'personalization', 'other', 'ab-testing', 'customer-interaction', 'consent'];
const ASSESSMENT_RANK: Record<Assessment, number> = { concern: 0, info: 1, good: 2 };
const CONFIDENCE_RANK: Record<Finding['confidence'], number> = { certain: 0, likely: 1, possible: 2 };
// network evidence cannot be forged by the page (docs/design.md): it goes first
const SOURCE_RANK: Record<Finding['source'], number> = { network: 0, page: 1, dom: 2 };
const DATA_ORDER: DataKind[] = ['screen-recording', 'typed-input', 'contact-details', 'hashed-email', 'device-fingerprint', 'identifiers', 'pages-viewed'];

const catRank = (c: string | undefined): number => {
  const i = CATEGORY_RANK.indexOf(c ?? 'other');
  return i < 0 ? CATEGORY_RANK.length : i;
};

/** negative when `a` is the stronger evidence */
export function strongerFirst(a: Finding, b: Finding): number {
  return (
    ASSESSMENT_RANK[a.assessment] - ASSESSMENT_RANK[b.assessment] ||
    (KIND_RANK[a.kind] ?? 9) - (KIND_RANK[b.kind] ?? 9) ||
    (a.kind === 'tracker' && b.kind === 'tracker' ? catRank(a.category) - catRank(b.category) : 0) ||
    CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] ||
    SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
    b.count - a.count
  );
}

/**
 * The cards of the findings at `indexes` (all of them when not given), strongest first, and the
 * indexes of those that belong to no card (no company known, or a kind a card does not gather).
 */
export function companyCards(findings: readonly Finding[], indexes?: readonly number[]): { cards: CompanyCard[]; loose: number[] } {
  const by = new Map<string, number[]>();
  const loose: number[] = [];
  for (const i of indexes ?? findings.map((_, k) => k)) {
    const f = findings[i]!;
    const company = CARD_KINDS.has(f.kind) ? companyOf(f) : undefined;
    if (!company) {
      loose.push(i);
      continue;
    }
    const list = by.get(company);
    if (list) list.push(i);
    else by.set(company, [i]);
  }
  const cards: CompanyCard[] = [];
  for (const [company, list] of by) {
    const items = [...list].sort((a, b) => strongerFirst(findings[a]!, findings[b]!) || a - b);
    const fs = items.map((i) => findings[i]!);
    const assessment: Assessment = fs.some((f) => f.assessment === 'concern') ? 'concern' : fs.every((f) => f.assessment === 'good') ? 'good' : 'info';
    const categories = [...new Set(fs.filter((f) => f.kind === 'tracker' && f.assessment !== 'good').map((f) => f.category ?? 'other'))];
    const data = new Set<DataKind>();
    for (const f of fs) {
      const k = dataKindOf(f);
      if (k) data.add(k);
    }
    cards.push({ company, items, assessment, lead: items[0]!, categories, data: DATA_ORDER.filter((d) => data.has(d)) });
  }
  cards.sort(
    (a, b) =>
      strongerFirst(findings[a.lead]!, findings[b.lead]!) ||
      b.data.length - a.data.length ||
      b.items.length - a.items.length ||
      a.company.localeCompare(b.company),
  );
  return { cards, loose };
}

/**
 * The third-party tracker domains among `findings`: what a block on `site` stops (the consent panel's
 * category block, a company card's block). The popup asks it whether a card has anything to block;
 * the worker asks it what to block.
 */
export function blockableDomains(findings: Iterable<Pick<Finding, 'kind' | 'details'>>, site: string): string[] {
  const out = new Set<string>();
  for (const f of findings) {
    const d = f.details.domain;
    if (f.kind === 'tracker' && typeof d === 'string' && d && d !== site && !d.endsWith(`.${site}`)) out.add(d);
  }
  return [...out].sort();
}
