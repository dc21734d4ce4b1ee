import type { FindingKind, StoredFinding } from '../../model/finding';

export interface Words {
  title: string;
  why: string;
  action: string;
}

/** How one finding kind is worded and scored. Owned per concern (privacy.ts, ai.ts, …). */
export interface KindSpec {
  /** plain language, built from facts only; page text goes in as data and is escaped where shown */
  words(f: StoredFinding): Words;
  /** points for the principle score: negative for a concern, positive for good practice */
  points(f: StoredFinding): number;
  /** one clause for the principle summary over all findings of this kind ("7 companies collect your visit") */
  phrase?(fs: readonly StoredFinding[]): string | null;
}

export type KindSpecs = Partial<Record<FindingKind, KindSpec>>;
