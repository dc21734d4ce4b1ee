// Background services: like detectors, but allowed to read the database (price history, learned
// trackers, cached checks). Still browser-free: everything arrives as arguments.
import type { DetectorContext } from '../detectors/types';
import type { FindingDraft } from '../model/finding';
import type { DomSnapshot, PageEvent, RequestObservation } from '../model/observations';
import type { CandorDb } from '../storage/db';
import type { Caps } from './caps';
import type { StateRow } from './table-caps';
import { experimentsService } from './services/experiments';
import { pricesService } from './services/prices';
import { learnedTrackersService } from './services/learned-trackers';
import { gpcTrackersService } from './services/gpc-trackers';
import { createGpcWellKnownService } from './services/gpc-well-known';

export interface ServiceContext extends DetectorContext {
  db: CandorDb;
  now: number;
  /** findings that need a slow answer (a request of Candor's own): stored for this visit when they
   *  resolve, so they do not hold back the other findings of the same observation */
  later?: (drafts: Promise<FindingDraft[]>) => void;
  /** storage caps (caps.ts); CAPS when absent */
  caps?: Caps;
  /**
   * State a finding of this observation rests on (a price seen, a countdown's deadline): stored by the
   * writer in the transaction that stores this observation's findings (table-caps.ts, StateRow).
   * Without it (a service run on its own) the service stores the row at once.
   */
  remember?: (s: StateRow) => void;
  /** a row this observation would have added was refused by its cap: counted on the visit */
  refused?: (n: number) => void;
}

export interface BackgroundService {
  id: string;
  pageEventTypes?: readonly string[];
  onRequest?(req: RequestObservation, ctx: ServiceContext): Promise<FindingDraft[]>;
  onPageEvent?(ev: PageEvent, ctx: ServiceContext): Promise<FindingDraft[]>;
  onDom?(snap: DomSnapshot, ctx: ServiceContext): Promise<FindingDraft[]>;
}

/** Every service the engine runs. Adding one = a file in src/background/services/ + one line here. */
export const SERVICES: readonly BackgroundService[] = [pricesService, experimentsService, learnedTrackersService, createGpcWellKnownService(), gpcTrackersService];
