// Wording and scoring of every finding kind, merged from the per-concern modules.
import type { FindingKind, StoredFinding } from '../../model/finding';
import { aiKinds } from './ai';
import { fairnessKinds } from './fairness';
import { consentKinds } from './consent';
import { privacyKinds } from './privacy';
import type { KindSpec, KindSpecs, Words } from './types';

export const KIND_SPECS: KindSpecs = {
  ...privacyKinds,
  ...aiKinds,
  ...fairnessKinds,
  ...consentKinds,
};

const FALLBACK: KindSpec = {
  words: (f) => ({
    title: `${f.kind.replace(/-/g, ' ')}${f.vendor ? `: ${f.vendor}` : ''}`,
    why: 'Candor noticed this on the page.',
    action: 'See the evidence below.',
  }),
  points: () => 0,
};

export function specFor(kind: FindingKind): KindSpec {
  return KIND_SPECS[kind] ?? FALLBACK;
}

export function wordsFor(f: StoredFinding): Words {
  const w = specFor(f.kind).words(f);
  return f.title ? { ...w, title: f.title } : w;
}

export type { KindSpec, Words };
