// The one SiteReport builder (docs/report.md): popup, dashboard, exports and the audit all call this,
// on the facts the worker stored when it wrote the visit (src/background/finalise.ts derives and
// assesses them there). A pure function of stored facts: it imports nothing from detectors/ or
// background/ (tests/unit/report-imports.test.ts), so the popup does not carry the detectors.
import { type Finding, KIND_PRINCIPLE, PRINCIPLES, type StoredFinding } from '../model/finding';
import type { VisitInfo } from '../model/observations';
import { type DataKind, type DataUseEntry, type ObservationLimits, SCHEMA_VERSION, type SiteReport } from '../model/report';
import { companyOf } from './facts';
import { wordsFor } from './kinds';
import { gradeOf, scorePrinciples } from './score';

export interface BuildInput {
  visit: VisitInfo;
  /** the visit's finalised findings, as stored (derived ones included, assessments decided) */
  findings: readonly StoredFinding[];
  tool: { version: string; browser: string };
  now?: Date;
  /** what caps and budgets kept out of the visit, from its stored row (VisitRow) */
  limits?: { dropped?: number; rowsDropped?: number; throttled?: number };
}

/** The report's `limited` field: only when something was kept out. */
export function limitsOf(l: BuildInput['limits']): ObservationLimits | undefined {
  const findings = l?.dropped ?? 0;
  const rows = l?.rowsDropped ?? 0;
  const observations = l?.throttled ?? 0;
  return findings + rows + observations > 0 ? { findings, rows, observations } : undefined;
}

const KIND_ORDER = Object.keys(KIND_PRINCIPLE);

export function toFinding(s: StoredFinding): Finding {
  const w = wordsFor(s);
  return {
    kind: s.kind,
    principle: KIND_PRINCIPLE[s.kind],
    title: w.title,
    ...(s.vendor ? { vendor: s.vendor } : {}),
    ...(s.company ? { company: s.company } : {}),
    ...(s.category ? { category: s.category } : {}),
    source: s.source,
    confidence: s.confidence,
    count: s.count,
    evidence: s.evidence.map((e) => ({ ...e })),
    details: Object.fromEntries(Object.entries(s.details).filter(([, v]) => v !== undefined)),
    assessment: s.assessment ?? 'concern',
    why: w.why,
    action: w.action,
  };
}

export function buildSiteReport(input: BuildInput): SiteReport {
  const all = [...input.findings];
  all.sort(
    (a, b) =>
      PRINCIPLES.indexOf(KIND_PRINCIPLE[a.kind]) - PRINCIPLES.indexOf(KIND_PRINCIPLE[b.kind]) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.firstAt - b.firstAt ||
      a.key.localeCompare(b.key),
  );
  const findings = all.map(toFinding);
  const principles = scorePrinciples(all, findings);
  return {
    schemaVersion: SCHEMA_VERSION,
    site: input.visit.site,
    url: input.visit.url,
    generatedAt: (input.now ?? new Date()).toISOString(),
    tool: { name: 'candor', version: input.tool.version, browser: input.tool.browser },
    grade: gradeOf(principles, findings),
    principles,
    findings,
    dataUse: dataUseMap(findings),
    ...(limitsOf(input.limits) ? { limited: limitsOf(input.limits) } : {}),
  };
}

const DATA_OF_KIND: Partial<Record<Finding['kind'], DataKind>> = {
  tracker: 'pages-viewed',
  identifier: 'identifiers',
  fingerprinting: 'device-fingerprint',
  keylogging: 'typed-input',
  'session-replay': 'screen-recording',
  'pii-leak': 'hashed-email',
};

/** What a finding hands its company, if anything: a credited one (a tracker the browser blocked) gave nobody anything. */
export function dataKindOf(f: Pick<Finding, 'kind' | 'assessment' | 'details'>): DataKind | undefined {
  const kind = DATA_OF_KIND[f.kind];
  if (!kind || f.assessment === 'good') return undefined;
  return f.kind === 'pii-leak' && f.details.hashed === false ? 'contact-details' : kind;
}

/** Which kinds of data go to which companies (docs/design.md: the privacy section is also a data-use map). */
export function dataUseMap(findings: readonly Finding[]): DataUseEntry[] {
  const by = new Map<string, { data: Set<DataKind>; vendors: Set<string> }>();
  for (const f of findings) {
    const kind = dataKindOf(f);
    if (!kind) continue;
    const company = companyOf(f);
    if (!company) continue;
    const e = by.get(company) ?? { data: new Set<DataKind>(), vendors: new Set<string>() };
    e.data.add(kind);
    if (f.vendor) e.vendors.add(f.vendor);
    by.set(company, e);
  }
  return [...by.entries()]
    .map(([company, e]) => ({ company, data: [...e.data], vendors: [...e.vendors] }))
    .sort((a, b) => b.data.length - a.data.length || a.company.localeCompare(b.company));
}
