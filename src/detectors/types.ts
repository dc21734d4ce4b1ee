// The detector plug-in contract. Detectors are pure: observation in, FindingDraft[] out. No browser.*,
// no DOM globals, no Dexie. Everything they need arrives in DetectorContext.
import type { CatalogEntry } from '../catalog/schema';
import type { Assessment, FindingDraft, StoredFinding } from '../model/finding';
import type { DomSnapshot, PageEvent, RequestObservation, VisitInfo } from '../model/observations';
import type { TrackerDb } from './tracker-db';

export interface DetectorContext {
  visit: VisitInfo;
  trackers: TrackerDb;
  catalog: readonly CatalogEntry[];
  /** registrable domain (eTLD+1, private suffixes honoured) of a host */
  siteOf(host: string): string;
  /** true when the host belongs to another site than the visit's top-level page */
  isThirdParty(host: string): boolean;
}

export interface Detector {
  /** unique, kebab-case; used in logs when it throws (a detector's exception never reaches the page) */
  id: string;
  /** MAIN-world event types this detector consumes; the bridge accepts only declared types */
  pageEventTypes?: readonly string[];
  onRequest?(req: RequestObservation, ctx: DetectorContext): FindingDraft[];
  onPageEvent?(ev: PageEvent, ctx: DetectorContext): FindingDraft[];
  onDom?(snap: DomSnapshot, ctx: DetectorContext): FindingDraft[];
  /**
   * Visit-level derivation over everything stored for the visit (e.g. tracking before consent,
   * behaviour-based session replay from several events). Runs in the worker each time the visit is
   * written (src/background/finalise.ts), and its result is stored; pure.
   * A derived draft whose key equals a stored finding's key finalises that finding (its details and
   * assessment replace the stored ones; count and first evidence stay): e.g. the chat detector decides
   * aiDisclosed once every frame's snapshot of the widget is in.
   */
  derive?(findings: readonly StoredFinding[], visit: VisitInfo): FindingDraft[];
  /**
   * Concern / good / info for a merged finding of a kind this detector owns, when no single draft can
   * know it (a consent banner is good practice or not once all its observations are in). Runs in the
   * worker when the visit is written (src/background/finalise.ts); undefined leaves the finding's own.
   */
  assess?(f: StoredFinding): Assessment | undefined;
}
