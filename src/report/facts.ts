// The answers every view gives the same way: who a finding is about, whether that company gets
// something from your visit, and a visit's summary. The worker stores the summary with each visit
// (src/background/writer.ts); the popup, the dashboard, the exports and the audit read these helpers,
// never a formula of their own. Pure: stored facts in, answers out.
import { KIND_PRINCIPLE, type StoredFinding } from '../model/finding';

type Facts = Pick<StoredFinding, 'kind' | 'vendor' | 'company' | 'category' | 'assessment' | 'details'>;

/** The tool a finding names: the product where known, else its company, else the host it talks to. */
export function toolOf(f: Pick<StoredFinding, 'vendor' | 'company' | 'details'>): string | undefined {
  return f.vendor ?? f.company ?? str(f.details?.domain) ?? str(f.details?.destination);
}

/** The organisation that receives what the finding describes (company, else the tool, else where it goes). */
export function companyOf(f: Pick<StoredFinding, 'vendor' | 'company' | 'details'>): string | undefined {
  return f.company ?? f.vendor ?? str(f.details?.destination);
}

/**
 * A company "sees you" through a privacy finding (tracker, recording, fingerprint …) that names it,
 * unless the finding is credited (a tracker the browser blocked told nobody anything).
 */
export function isSeeing(f: Pick<StoredFinding, 'kind' | 'vendor' | 'company' | 'assessment'>): boolean {
  return KIND_PRINCIPLE[f.kind] === 'privacy' && f.assessment !== 'good' && !!(f.company ?? f.vendor);
}

export interface SeenBy {
  company: string;
  category?: string;
}

/** What the dashboard and the badge need of a visit without reading its findings. */
export interface VisitSummary {
  findings: number;
  /** tracker findings, blocked ones included */
  trackers: number;
  concerns: number;
  good: number;
  /** the companies that see you on this visit, one entry per company and category, sorted (the badge counts its companies) */
  seenBy: SeenBy[];
}

export function visitSummary(fs: readonly Facts[]): VisitSummary {
  const seen = new Map<string, SeenBy>();
  let trackers = 0;
  let concerns = 0;
  let good = 0;
  for (const f of fs) {
    if (f.kind === 'tracker') trackers++;
    const a = f.assessment ?? 'concern';
    if (a === 'concern') concerns++;
    else if (a === 'good') good++;
    if (!isSeeing(f)) continue;
    const company = (f.company ?? f.vendor)!;
    const k = `${company}\u0000${f.category ?? ''}`;
    if (!seen.has(k)) seen.set(k, { company, ...(f.category ? { category: f.category } : {}) });
  }
  const seenBy = [...seen.values()].sort((a, b) => a.company.localeCompare(b.company) || (a.category ?? '').localeCompare(b.category ?? ''));
  return { findings: fs.length, trackers, concerns, good, seenBy };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** The badge's number: companies told about the visit, the same count as the popup's headline. */
export function badgeCount(summary: Pick<VisitSummary, 'seenBy'>): number {
  return new Set(summary.seenBy.map((s) => s.company)).size;
}
