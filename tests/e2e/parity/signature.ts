// What "the same finding" means when Firefox's report of a page is compared with Chromium's: the kind,
// the vendor and the fields of docs/report.md that a person reads (what was found, where it goes,
// whether it is a concern). Counts, times, evidence URLs' query strings and randomised values (the
// experiment variant a visitor was put in) are left out: they differ between two visits in one
// browser too. Only documented report fields are used, so the comparison holds however detection
// works inside.
import type { Finding } from '../../../src/model/finding';
import type { SiteReport } from '../../../src/model/report';

const list = (v: unknown): string => (Array.isArray(v) ? [...v].map((x) => (typeof x === 'object' && x ? String((x as { vendor?: string; id?: string }).vendor ?? (x as { id?: string }).id ?? JSON.stringify(x)) : String(x))).sort().join('+') : '');
const val = (v: unknown): string => (v === undefined ? '' : String(v));

/** The fields of each kind that are part of "the same finding". */
const KEY_FIELDS: Record<Finding['kind'], (d: Record<string, unknown>) => string[]> = {
  tracker: (d) => [val(d.domain), val(d.servedFrom), d.blockedRequests ? 'blocked' : '', d.learned ? 'learned' : ''],
  identifier: (d) => [val(d.name), val(d.storage), val(d.thirdParty)],
  fingerprinting: (d) => [val(d.technique)],
  'session-replay': () => [],
  keylogging: (d) => [val(d.field), val(d.destination)],
  'pii-leak': (d) => [val(d.type), val(d.destination), val(d.hashed)],
  'first-party-analytics': () => [],
  'ai-chat': (d) => [`ai-disclosed=${val(d.aiDisclosed)}`, `human=${val(d.humanHandoff)}`],
  'ai-disclosure': () => [],
  'algorithmic-pricing-disclosure': (d) => [`visible=${val(d.visible)}`],
  'pricing-engine': () => [],
  'price-change': (d) => [val(d.product), `${val(d.before)}->${val(d.after)}`],
  'price-difference': (d) => [`you=${val(d.you)}`, `clean=${val(d.clean)}`],
  'price-rewrite': (d) => [`${val(d.before)}->${val(d.after)}`],
  urgency: (d) => [val(d.pattern), d.resets ? 'resets' : ''],
  experiment: (d) => [list(d.experiments)],
  personalization: (d) => [val(d.type)],
  'consent-banner': (d) => [val(d.cmp), `reject-first=${val(d.rejectOnFirstLayer)}`, `choice=${val(d.choice)}`, `by=${val(d.choiceBy)}`],
  'tracking-before-consent': (d) => [val(d.phase), list(d.trackers)],
  gpc: (d) => [`sent=${val(d.sent)}`, `well-known=${val(d.wellKnown)}`, `honored=${val(d.honored)}`],
  'rights-link': (d) => [val(d.type)],
  'human-contact': (d) => [val(d.channel)],
};

export function findingKey(f: Finding): string {
  const extra = (KEY_FIELDS[f.kind] ?? (() => []))(f.details ?? {}).filter((x) => x !== '');
  return [f.kind, f.vendor ?? '-', ...extra, f.assessment].join(' | ');
}

/** The findings of a report as a sorted list of keys (a finding found twice counts once). */
export function reportKeys(r: SiteReport | null | undefined): string[] {
  return [...new Set((r?.findings ?? []).map(findingKey))].sort();
}
