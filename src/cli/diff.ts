// `npm run audit -- diff A.json B.json`: what changed between two reports of a site, for a marketer
// checking a release (before = A, after = B): trackers added or removed, concerns new or gone, good
// practice (disclosures, rights links, human contact) gained or lost, grade and score changes, prices.
import { PRINCIPLES, type Finding, type Principle } from '../model/finding';
import type { SiteReport } from '../model/report';
import { safeLine as l } from './safe-text';
import { findingIdentity } from './site-summary';

export interface FindingRef {
  kind: string;
  title: string;
  vendor?: string;
  company?: string;
}

export interface PriceRef {
  kind: string;
  title: string;
  details: Record<string, unknown>;
}

export interface ReportDiff {
  site: { before: string; after: string };
  grade: { before: string; after: string } | null;
  scores: { principle: Principle; before: number; after: number }[];
  trackers: { added: FindingRef[]; removed: FindingRef[] };
  concerns: { added: FindingRef[]; removed: FindingRef[] };
  goodPractice: { gained: FindingRef[]; lost: FindingRef[] };
  /** findings that are neither a concern nor good practice (information) */
  other: { added: FindingRef[]; removed: FindingRef[] };
  prices: { before: PriceRef[]; after: PriceRef[] };
  changed: boolean;
}

/** Kinds that are good practice when present, whatever assessment a build gives them. */
const DISCLOSURE_KINDS = new Set(['ai-disclosure', 'algorithmic-pricing-disclosure', 'rights-link', 'human-contact']);
const isGood = (f: Finding) => f.assessment === 'good' || DISCLOSURE_KINDS.has(f.kind);
const isConcern = (f: Finding) => !isGood(f) && f.kind !== 'tracker' && f.assessment === 'concern';
const isOther = (f: Finding) => !isGood(f) && f.kind !== 'tracker' && f.assessment !== 'concern';

const PRICE_KINDS = new Set(['price-change', 'price-difference', 'price-rewrite', 'pricing-engine', 'algorithmic-pricing-disclosure']);

const ref = (f: Finding): FindingRef => ({ kind: f.kind, title: f.title, ...(f.vendor ? { vendor: f.vendor } : {}), ...(f.company ? { company: f.company } : {}) });

/** Trackers compare by vendor (their titles may mention counts); everything else by identity. */
function keyOf(f: Finding): string {
  return f.kind === 'tracker' ? JSON.stringify(['tracker', f.vendor ?? f.details.domain ?? f.title]) : findingIdentity(f);
}

function delta(a: readonly Finding[], b: readonly Finding[]): { added: FindingRef[]; removed: FindingRef[] } {
  const ka = new Set(a.map(keyOf));
  const kb = new Set(b.map(keyOf));
  return { added: b.filter((f) => !ka.has(keyOf(f))).map(ref), removed: a.filter((f) => !kb.has(keyOf(f))).map(ref) };
}

export function diffReports(a: SiteReport, b: SiteReport): ReportDiff {
  const trackers = delta(a.findings.filter((f) => f.kind === 'tracker'), b.findings.filter((f) => f.kind === 'tracker'));
  const concerns = delta(a.findings.filter(isConcern), b.findings.filter(isConcern));
  const good = delta(a.findings.filter(isGood), b.findings.filter(isGood));
  const other = delta(a.findings.filter(isOther), b.findings.filter(isOther));
  const scores = PRINCIPLES.filter((p) => a.principles[p]?.score !== b.principles[p]?.score).map((p) => ({
    principle: p,
    before: a.principles[p]?.score ?? 100,
    after: b.principles[p]?.score ?? 100,
  }));
  const priceOf = (r: SiteReport) => r.findings.filter((f) => PRICE_KINDS.has(f.kind)).map((f) => ({ kind: f.kind, title: f.title, details: f.details }));
  const pa = priceOf(a);
  const pb = priceOf(b);
  const pricesChanged = JSON.stringify(pa) !== JSON.stringify(pb);
  const grade = a.grade !== b.grade ? { before: a.grade, after: b.grade } : null;
  const changed =
    !!grade || scores.length > 0 || pricesChanged ||
    [trackers.added, trackers.removed, concerns.added, concerns.removed, good.added, good.removed, other.added, other.removed].some((l) => l.length > 0);
  return {
    site: { before: a.site, after: b.site },
    grade,
    scores,
    trackers,
    concerns,
    goodPractice: { gained: good.added, lost: good.removed },
    other,
    prices: pricesChanged ? { before: pa, after: pb } : { before: [], after: [] },
    changed,
  };
}

const who = (f: FindingRef) => (f.company && f.vendor && f.company !== f.vendor ? ` (${l(f.company)})` : '');

export function formatDiff(d: ReportDiff, names: { a: string; b: string }): string {
  const lines = [`Candor diff: ${l(d.site.before)}${d.site.after !== d.site.before ? ` → ${l(d.site.after)}` : ''}`, `  before: ${l(names.a)}`, `  after:  ${l(names.b)}`, ''];
  if (!d.changed) return lines.concat('No change: same grade, scores and findings.', '').join('\n');
  if (d.grade) lines.push(`Grade ${d.grade.before} → ${d.grade.after}`);
  for (const s of d.scores) lines.push(`  ${s.principle.padEnd(13)} ${String(s.before).padStart(3)} → ${String(s.after).padStart(3)}  (${s.after > s.before ? '+' : ''}${s.after - s.before})`);
  const section = (title: string, sign: string, list: FindingRef[]) => {
    if (!list.length) return;
    lines.push('', `${title} (${list.length})`);
    for (const f of list) lines.push(`  ${sign} ${l(f.title)}${who(f)}`);
  };
  section('New trackers', '+', d.trackers.added);
  section('Trackers gone', '-', d.trackers.removed);
  section('New concerns', '+', d.concerns.added);
  section('Concerns gone', '-', d.concerns.removed);
  section('Good practice gained (disclosures, rights, contact)', '+', d.goodPractice.gained);
  section('Good practice lost (disclosures, rights, contact)', '-', d.goodPractice.lost);
  section('Other new findings', '+', d.other.added);
  section('Other findings gone', '-', d.other.removed);
  if (d.prices.before.length || d.prices.after.length) {
    lines.push('', 'Prices and pricing');
    for (const p of d.prices.before) lines.push(`  before: ${l(p.title + priceDetail(p))}`);
    for (const p of d.prices.after) lines.push(`  after:  ${l(p.title + priceDetail(p))}`);
  }
  return lines.join('\n') + '\n';
}

function priceDetail(p: PriceRef): string {
  const d = p.details;
  const v = (x: unknown) => (typeof x === 'number' || typeof x === 'string' ? String(x).slice(0, 80) : '');
  if (p.kind === 'price-change') return ` — ${v(d.product)}: ${v(d.before)} → ${v(d.after)} ${v(d.currency)}`;
  if (p.kind === 'price-difference') return ` — ${v(d.product)}: you ${v(d.you)}, clean visit ${v(d.clean)} ${v(d.currency)}`;
  return '';
}

/** A report from a file: a SiteReport, or a --json array / reports.jsonl holding exactly one report. */
export function reportFromText(text: string, name: string): SiteReport {
  const t = text.trim();
  let x: unknown;
  try {
    x = JSON.parse(t);
  } catch {
    const lines = t.split('\n').filter((l) => l.trim());
    if (lines.length !== 1) throw new Error(`${name} is not a report (JSON) file`);
    x = JSON.parse(lines[0]!);
  }
  if (Array.isArray(x)) {
    const reports = x.filter((r) => r && typeof r === 'object' && 'findings' in r);
    if (reports.length !== 1) throw new Error(`${name} holds ${reports.length} reports; give a file with one (e.g. out/<site>.json)`);
    x = reports[0];
  }
  const r = x as SiteReport;
  if (!r || typeof r !== 'object' || !Array.isArray(r.findings) || typeof r.principles !== 'object' || !r.principles) {
    throw new Error(`${name} is not a Candor site report (no findings or principles)`);
  }
  return r;
}

const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'];

/**
 * Did the site get worse for the people visiting it? A tracker or concern added, good practice
 * lost, or a lower grade. For `diff --fail-on worse`: a release check in CI.
 */
export function isWorse(d: ReportDiff): boolean {
  const lowerGrade = !!d.grade && GRADES.indexOf(d.grade.after) > GRADES.indexOf(d.grade.before);
  return d.trackers.added.length > 0 || d.concerns.added.length > 0 || d.goodPractice.lost.length > 0 || lowerGrade;
}
