// Whether GPC appears honoured, measured by trackers: when the page reports that GPC was sent, compare
// the advertising and social trackers of this visit with those of the site's latest earlier visit
// without GPC (OptMeowt's before/after method). Fewer with GPC suggests the site honours it; as many
// or more suggests it does not. Only a hint ("likely"): pages differ between visits.
import type { FindingDraft, StoredFinding } from '../../model/finding';
import { findingsForVisit } from '../../storage/queries';
import type { BackgroundService } from '../services';

const SELLING = new Set(['advertising', 'social']);

function sellingTrackers(fs: readonly StoredFinding[]): string[] {
  return [...new Set(fs.filter((f) => f.kind === 'tracker' && SELLING.has(f.category ?? '')).map((f) => f.vendor ?? String(f.details.domain ?? '')))].sort();
}

export const gpcTrackersService: BackgroundService = {
  id: 'gpc-trackers',
  pageEventTypes: ['gpc-signal'],
  async onPageEvent(ev, ctx): Promise<FindingDraft[]> {
    if (ev.type !== 'gpc-signal' || ev.data.sent !== true) return [];
    const { db, visit } = ctx;
    const earlier = await db.visits
      .where('[site+startedAt]')
      .between([visit.site, 0], [visit.site, visit.startedAt], true, false)
      .reverse()
      .toArray();
    for (const v of earlier.slice(0, 10)) {
      const fs = await findingsForVisit(db, v.id);
      if (fs.some((f) => f.kind === 'gpc' && f.details.sent === true)) continue;
      const without = sellingTrackers(fs);
      if (without.length === 0) return [];
      const now = sellingTrackers(await findingsForVisit(db, visit.visitId));
      const dropped = without.filter((t) => !now.includes(t));
      return [
        {
          kind: 'gpc',
          key: 'gpc',
          source: 'network',
          confidence: 'possible',
          evidence: [{ url: visit.url, detail: `advertising/social trackers without GPC: ${without.join(', ')}; with GPC: ${now.join(', ') || 'none'}`, at: new Date(ev.at).toISOString() }],
          details: { trackersWithoutGpc: without, trackersWithGpc: now, trackersHonored: dropped.length > 0 },
        },
      ];
    }
    return [];
  },
};
