// The one SiteReport builder (docs/report.md): popup, dashboard, exports and the audit all call this.
import { DETECTORS } from '../detectors';
import type { Detector } from '../detectors/types';
import { type Finding, type FindingDraft, KIND_PRINCIPLE, MAX_EVIDENCE, PRINCIPLES, type StoredFinding } from '../model/finding';
import type { VisitInfo } from '../model/observations';
import { type DataKind, type DataUseEntry, SCHEMA_VERSION, type SiteReport } from '../model/report';
import { mergeDraft } from '../background/merge';
import { specFor, wordsFor } from './kinds';
import { gradeOf, scorePrinciples } from './score';

export interface BuildInput {
  visit: VisitInfo;
  findings: readonly StoredFinding[];
  tool: { version: string; browser: string };
  now?: Date;
  detectors?: readonly Detector[];
}

const KIND_ORDER = Object.keys(KIND_PRINCIPLE);

/** Derived findings (visit-level detectors) are computed here, from stored ones, every time. */
export function withDerived(visit: VisitInfo, stored: readonly StoredFinding[], detectors: readonly Detector[] = DETECTORS): StoredFinding[] {
  const out = [...stored];
  for (const d of detectors) {
    if (!d.derive) continue;
    let drafts: FindingDraft[] = [];
    try {
      drafts = d.derive(stored, visit);
    } catch (e) {
      console.error(`[candor] detector ${d.id} derive failed`, e);
    }
    for (const dr of drafts) {
      // A derived draft with the key of a stored finding finalises it: visit-level facts (e.g. "the
      // chat never said it is an AI", decided once every frame's snapshot is in) replace its details
      // and assessment; its count and first evidence stay.
      const i = out.findIndex((f) => f.key === dr.key);
      if (i >= 0) out[i] = finalise(out[i]!, dr);
      else out.push(mergeDraft(undefined, dr, visit, visit.startedAt));
    }
  }
  return out;
}

function finalise(s: StoredFinding, d: FindingDraft): StoredFinding {
  return {
    ...s,
    details: { ...s.details, ...d.details },
    assessment: d.assessment ?? s.assessment,
    title: d.title ?? s.title,
    evidence: d.evidence.length ? [...d.evidence, ...s.evidence].slice(0, MAX_EVIDENCE) : s.evidence,
  };
}

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
    assessment: specFor(s.kind).assessment?.(s) ?? s.assessment ?? 'concern',
    why: w.why,
    action: w.action,
  };
}

export function buildSiteReport(input: BuildInput): SiteReport {
  const all = withDerived(input.visit, input.findings, input.detectors);
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
    grade: gradeOf(principles),
    principles,
    findings,
    dataUse: dataUseMap(findings),
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

/** Which kinds of data go to which companies (docs/design.md: the privacy section is also a data-use map). */
export function dataUseMap(findings: readonly Finding[]): DataUseEntry[] {
  const by = new Map<string, { data: Set<DataKind>; vendors: Set<string> }>();
  for (const f of findings) {
    let kind = DATA_OF_KIND[f.kind];
    // a credited finding (e.g. a tracker the browser blocked) gave nobody anything
    if (!kind || f.assessment === 'good') continue;
    if (f.kind === 'pii-leak' && f.details.hashed === false) kind = 'contact-details';
    const company = f.company ?? f.vendor ?? (typeof f.details.destination === 'string' ? f.details.destination : undefined);
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
