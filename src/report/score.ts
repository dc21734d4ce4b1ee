// Scores per principle and the grade. Explained, not magic: every point has a reason a person can read.
import { type Finding, type Principle, PRINCIPLES, type StoredFinding } from '../model/finding';
import type { Grade, PrincipleReason, PrincipleSummary } from '../model/report';
import { specFor } from './kinds';

export const NOTHING_FOUND = 'Nothing found either way on this page.';

/**
 * Every principle starts at 100. Concerns take points away, good practice gives some back, clamped to
 * 0…100. A principle with no finding at all keeps 100 and is marked unassessed: absence of evidence is
 * not held against the site.
 */
export function scorePrinciples(stored: readonly StoredFinding[], findings: readonly Finding[]): Record<Principle, PrincipleSummary> {
  const out = {} as Record<Principle, PrincipleSummary>;
  for (const p of PRINCIPLES) {
    const idx = findings.map((f, i) => (f.principle === p ? i : -1)).filter((i) => i >= 0);
    const reasons: PrincipleReason[] = [];
    let score = 100;
    for (const i of idx) {
      const pts = specFor(stored[i]!.kind).points(stored[i]!);
      if (pts !== 0) {
        reasons.push({ points: pts, why: findings[i]!.title });
        score += pts;
      }
    }
    score = Math.max(0, Math.min(100, Math.round(score)));
    const byKind = new Map<string, StoredFinding[]>();
    for (const i of idx) {
      const s = stored[i]!;
      byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
    }
    const phrases: string[] = [];
    for (const [kind, fs] of byKind) {
      const ph = specFor(kind as StoredFinding['kind']).phrase?.(fs);
      if (ph) phrases.push(ph);
    }
    const summary = idx.length === 0 ? NOTHING_FOUND : phrases.length ? capitalise(phrases.join('; ')) + '.' : `${idx.length} finding${idx.length === 1 ? '' : 's'}.`;
    reasons.sort((a, b) => a.points - b.points);
    out[p] = { score, summary, reasons, assessed: idx.length > 0 };
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const GRADES: [number, Grade][] = [
  [90, 'A'],
  [80, 'B'],
  [70, 'C'],
  [60, 'D'],
  [50, 'E'],
];

/**
 * The grade is the mean of the principles that have evidence (A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60,
 * E ≥ 50, else F); a page with no evidence either way is an A. Unassessed principles are left out
 * rather than counted as 100, so a page cannot hide a poor fairness score behind five silent
 * principles. The worst principle caps the grade: under 40, no better than C; under 60, no better
 * than B — a site that records your screen cannot earn an A by having a privacy-policy link. A page
 * that tells an advertising company about the visit is no better than B (`toldAdvertiser`).
 */
export function gradeOf(principles: Record<Principle, PrincipleSummary>, findings: readonly Pick<Finding, 'kind' | 'category' | 'assessment'>[] = []): Grade {
  const assessed = PRINCIPLES.map((p) => principles[p]).filter((s) => s.assessed);
  if (assessed.length === 0) return 'A';
  const g = meanGrade(principles);
  // An advertising company told about the visit caps the grade at B, whatever else the page does
  // right: the one −8 it costs privacy disappears in a mean of six principles, and "A" must not read
  // as "nobody is profiling you here". A blocked request told nobody anything (assessment "good").
  if (g === 'A' && findings.some(toldAdvertiser)) return 'B';
  return g;
}

/**
 * the categories of companies that sell advertising on what they are told: ad networks, and the social
 * networks whose pixels and buttons feed their ad business (the Facebook pixel is "social" in
 * third-party-web)
 */
const ADVERTISERS = new Set(['advertising', 'social']);

/** a tracker of an advertising or social company whose requests left the browser */
export function toldAdvertiser(f: Pick<Finding, 'kind' | 'category' | 'assessment'>): boolean {
  return f.kind === 'tracker' && ADVERTISERS.has(f.category ?? '') && f.assessment !== 'good';
}

function meanGrade(principles: Record<Principle, PrincipleSummary>): Grade {
  const assessed = PRINCIPLES.map((p) => principles[p]).filter((s) => s.assessed);
  if (assessed.length === 0) return 'A';
  const scores = assessed.map((s) => s.score);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  let g: Grade = GRADES.find(([min]) => mean >= min)?.[1] ?? 'F';
  const worst = Math.min(...scores);
  if (worst < 40 && (g === 'A' || g === 'B')) g = 'C';
  else if (worst < 60 && g === 'A') g = 'B';
  return g;
}
