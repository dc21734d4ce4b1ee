// Experiments you are in, accumulated over the visit. Vendors report one decision per event (an
// Optimizely impression per flag decided, a LaunchDarkly batch per flush), and a stored finding's details
// are replaced, not merged, by each new draft: so the list so far is kept in the `experiments` table per visit and vendor,
// and every draft carries the whole list. The reading itself is pure (src/detectors/fairness/experiments.ts).
import { experimentsFromPageEvent, experimentsFromRequest, type ExperimentId } from '../../detectors/fairness/experiments';
import type { FindingDraft } from '../../model/finding';
import type { BackgroundService, ServiceContext } from '../services';
import { CAPS } from '../caps';
import { experimentsRoom } from '../table-caps';

const MAX_PER_VENDOR = 30;

async function accumulate(drafts: FindingDraft[], ctx: ServiceContext): Promise<FindingDraft[]> {
  const { db, visit } = ctx;
  const out: FindingDraft[] = [];
  for (const d of drafts) {
    const fresh = Array.isArray(d.details.experiments) ? (d.details.experiments as ExperimentId[]) : [];
    if (fresh.length === 0) {
      out.push(d);
      continue;
    }
    const key = `${visit.visitId}|${d.key}`;
    const all = await db.transaction('rw', db.experiments, async () => {
      // vendor names come from the page: a visit keeps rows for at most experimentsPerVisit of them
      if (!(await experimentsRoom(db, visit.visitId, key, ctx.caps ?? { ...CAPS }))) return null;
      const known = ((await db.experiments.get(key))?.list as ExperimentId[] | undefined) ?? [];
      const byId = new Map(known.map((e) => [e.id, e]));
      for (const e of fresh) byId.set(e.id, e); // a later decision for the same experiment wins
      const list = [...byId.values()].slice(0, MAX_PER_VENDOR);
      await db.experiments.put({ id: key, visitId: visit.visitId, site: visit.site, at: ctx.now, list });
      return list;
    });
    if (!all) {
      ctx.refused?.(1);
      continue;
    }
    out.push({ ...d, details: { ...d.details, experiments: all } });
  }
  return out;
}

export const experimentsService: BackgroundService = {
  id: 'experiments',
  pageEventTypes: ['experiments'],
  async onRequest(req, ctx) {
    const drafts = experimentsFromRequest(req, ctx);
    return drafts.length ? accumulate(drafts, ctx) : [];
  },
  async onPageEvent(ev, ctx) {
    return accumulate(experimentsFromPageEvent(ev, ctx), ctx);
  },
};
