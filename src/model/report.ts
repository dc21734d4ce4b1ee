import type { Finding, Principle } from './finding';

export const SCHEMA_VERSION = 1;

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export interface PrincipleReason {
  /** points added (positive) or taken away (negative) */
  points: number;
  why: string;
}

export interface PrincipleSummary {
  score: number;
  summary: string;
  /** additive: how the score came about, so a person can see why */
  reasons: PrincipleReason[];
  /** additive: false when nothing was found either way (the score is then not a judgement) */
  assessed: boolean;
}

export interface SiteReport {
  schemaVersion: number;
  site: string;
  url: string;
  generatedAt: string;
  tool: { name: 'candor'; version: string; browser: string };
  grade: Grade;
  principles: Record<Principle, PrincipleSummary>;
  findings: Finding[];
  /** additive: the data-use map, which kinds of data go to which companies (docs/design.md step 4) */
  dataUse: DataUseEntry[];
  /**
   * additive, present only when Candor's caps or the tab's budget kept part of this page out: what
   * the page produced beyond them was not observed or not stored, so the report may be incomplete
   * (src/background/caps.ts, budget.ts)
   */
  limited?: ObservationLimits;
}

export interface ObservationLimits {
  /** distinct findings not stored (the visit reached its cap) */
  findings: number;
  /** rows of page-keyed state not stored (prices, countdowns, experiments, sightings) */
  rows: number;
  /** page events and DOM snapshots dropped by the tab's budget */
  observations: number;
}

export type DataKind =
  | 'pages-viewed'
  | 'identifiers'
  | 'device-fingerprint'
  | 'typed-input'
  | 'screen-recording'
  | 'hashed-email'
  | 'contact-details';

export interface DataUseEntry {
  company: string;
  data: DataKind[];
  vendors: string[];
}

export interface AuditError {
  url: string;
  error: string;
}
