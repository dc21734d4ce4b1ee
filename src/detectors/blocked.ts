// Tracker requests the browser stopped (ERR_BLOCKED_BY_CLIENT): the person's block rule from the
// consent panel, or another content blocker. The tracker finding of trackers.ts already counts the
// attempt; this adds how many of those attempts were blocked, so the report can say the company was
// NOT told about the visit instead of listing it as if it had been.
import type { Assessment, FindingDraft, StoredFinding } from '../model/finding';
import { trackerDraft } from './trackers';
import type { Detector } from './types';

export const BLOCKED_COUNT = 'blockedRequests';

export const blockedDetector: Detector = {
  id: 'blocked',
  // a tracker whose every request the browser stopped told nobody anything: credited, not flagged
  assess: (f: StoredFinding): Assessment | undefined => (f.kind === 'tracker' && allBlocked(f) ? 'good' : undefined),
  onRequest(req, ctx): FindingDraft[] {
    if (req.phase !== 'blocked') return [];
    const d = trackerDraft(req, ctx, ' blocked in the browser');
    return d ? [{ ...d, countInto: BLOCKED_COUNT }] : [];
  },
};

/** Every request of this tracker finding was stopped before it left the browser. */
export function allBlocked(f: { count: number; details: Record<string, unknown> }): boolean {
  return (Number(f.details[BLOCKED_COUNT]) || 0) >= f.count;
}
