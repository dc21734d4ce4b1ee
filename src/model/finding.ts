// The Finding contract of docs/report.md. Its JSON form is public: add fields, never rename.

export const PRINCIPLES = ['privacy', 'transparency', 'consent', 'fairness', 'human', 'rights'] as const;
export type Principle = (typeof PRINCIPLES)[number];

/** Each kind belongs to exactly one principle (docs/report.md, "Finding kinds"). */
export const KIND_PRINCIPLE = {
  tracker: 'privacy',
  identifier: 'privacy',
  fingerprinting: 'privacy',
  'session-replay': 'privacy',
  keylogging: 'privacy',
  'pii-leak': 'privacy',
  'first-party-analytics': 'privacy',
  'ai-chat': 'transparency',
  'ai-disclosure': 'transparency',
  'algorithmic-pricing-disclosure': 'transparency',
  'pricing-engine': 'fairness',
  'price-change': 'fairness',
  'price-difference': 'fairness',
  'price-rewrite': 'fairness',
  urgency: 'fairness',
  experiment: 'fairness',
  personalization: 'fairness',
  'consent-banner': 'consent',
  'tracking-before-consent': 'consent',
  gpc: 'consent',
  'rights-link': 'rights',
  'human-contact': 'human',
} as const satisfies Record<string, Principle>;

export type FindingKind = keyof typeof KIND_PRINCIPLE;
export const FINDING_KINDS = Object.keys(KIND_PRINCIPLE) as FindingKind[];

export const TRACKER_CATEGORIES = [
  'advertising',
  'analytics',
  'social',
  'session-replay',
  'customer-interaction',
  'ab-testing',
  'personalization',
  'consent',
  'cdp',
  'other',
] as const;
export type TrackerCategory = (typeof TRACKER_CATEGORIES)[number];

/** What a finding rests on. Only `network` cannot be forged by the page. */
export type Source = 'network' | 'page' | 'dom';
export type Confidence = 'certain' | 'likely' | 'possible';
/**
 * Whether the finding is a concern, good practice, or neither. Reports credit good practice as
 * plainly as they flag bad (docs/design.md). Added to docs/report.md's Finding (additive change).
 */
export type Assessment = 'concern' | 'good' | 'info';

export interface Evidence {
  /** request URL, script URL or page URL the evidence was seen on (capped) */
  url?: string;
  /** what was seen: text on the page, parameter names, API called (capped, never a typed value) */
  detail?: string;
  /** ISO time */
  at: string;
}

export interface Finding {
  kind: FindingKind;
  principle: Principle;
  title: string;
  vendor?: string;
  company?: string;
  category?: string;
  source: Source;
  confidence: Confidence;
  count: number;
  evidence: Evidence[];
  details: Record<string, unknown>;
  /** additive fields (docs/report.md allows adding): */
  assessment: Assessment;
  /** why it matters, one or two plain sentences */
  why: string;
  /** what the user can do about it */
  action: string;
}

/**
 * What a detector returns: the facts only. Title, why and action are worded by src/report/wording.ts,
 * count and evidence merging are done by the aggregator. `key` makes two drafts "the same finding"
 * within a page visit (e.g. `tracker:google-analytics.com`); drafts with the same key are merged.
 */
export interface FindingDraft {
  kind: FindingKind;
  key: string;
  vendor?: string;
  company?: string;
  category?: string;
  source: Source;
  confidence: Confidence;
  evidence: Evidence[];
  details: Record<string, unknown>;
  assessment?: Assessment;
  /** optional detector-specific wording override; otherwise wording.ts decides */
  title?: string;
  /**
   * Counted into `details[countInto]` instead of the finding's count: a fact about sightings already
   * counted (e.g. a tracker request the browser then blocked), not a new sighting.
   */
  countInto?: string;
}

/** A finding as stored: a draft merged over a page visit. */
export interface StoredFinding extends FindingDraft {
  /** `${visitId}|${key}` */
  id: string;
  visitId: string;
  site: string;
  count: number;
  firstAt: number;
  lastAt: number;
}

export const MAX_EVIDENCE = 5;
export const MAX_TEXT = 300;
export const MAX_URL = 500;

/** Cap page-derived text: page content is hostile (docs/design.md). Never executed, escaped where shown. */
export function capText(s: unknown, max = MAX_TEXT): string {
  const str = typeof s === 'string' ? s : s == null ? '' : String(s);
  // C0 and C1 controls and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
  // page text that could reorder or hide what a person reads where Candor shows it
  const clean = str.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  return clean.length > max ? clean.slice(0, max - 1) + '…' : clean;
}

export function capUrl(s: unknown): string {
  return capText(s, MAX_URL);
}
