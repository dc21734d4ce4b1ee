// Background services: like detectors, but allowed to read the database (price history, learned
// trackers, cached checks). Still browser-free: everything arrives as arguments.
import type { DetectorContext } from '../detectors/types';
import type { FindingDraft } from '../model/finding';
import type { DomSnapshot, PageEvent, RequestObservation } from '../model/observations';
import type { CandorDb } from '../storage/db';
import { experimentsService } from './services/experiments';
import { pricesService } from './services/prices';
import { learnedTrackersService } from './services/learned-trackers';
import { gpcTrackersService } from './services/gpc-trackers';
import { createGpcWellKnownService } from './services/gpc-well-known';

export interface ServiceContext extends DetectorContext {
  db: CandorDb;
  now: number;
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
