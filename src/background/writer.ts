// Batched, crash-safe persistence of findings. Drafts queue while one transaction runs; the next
// transaction writes everything queued meanwhile. A transaction is atomic, so a dying service worker
// or a full disk never leaves half a batch behind: it is either all stored or all still pending.
import type { FindingDraft, StoredFinding } from '../model/finding';
import type { VisitInfo } from '../model/observations';
import type { CandorDb } from '../storage/db';
import { findingId, mergeDraft } from './merge';

export interface WriteError {
  at: number;
  name: string;
  message: string;
}

export class FindingWriter {
  private pending = new Map<string, { visit: VisitInfo; items: { d: FindingDraft; at: number }[] }>();
  private running: Promise<void> | null = null;
  lastError: WriteError | null = null;

  constructor(
    private db: CandorDb,
    private onWritten: (visitIds: Set<string>) => void = () => {},
    private now: () => number = Date.now,
  ) {}

  add(visit: VisitInfo, drafts: FindingDraft[]): Promise<void> {
    if (drafts.length === 0) return this.running ?? Promise.resolve();
    const at = this.now();
    for (const d of drafts) {
      const id = findingId(visit.visitId, d.key);
      let p = this.pending.get(id);
      if (!p) this.pending.set(id, (p = { visit, items: [] }));
      p.items.push({ d, at });
    }
    return this.schedule();
  }

  /** resolves when everything queued so far is stored (or has failed and been reported) */
  whenIdle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private schedule(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.write(batch);
        this.lastError = null;
      } catch (e) {
        const err = e as Error;
        this.lastError = { at: this.now(), name: err?.name ?? 'Error', message: String(err?.message ?? e) };
        console.error('[candor] storing findings failed', err);
        // Nothing was written (the transaction rolled back). Keep the batch for the next write,
        // unless the disk is full, where retrying in a loop would only spin.
        if (err?.name !== 'QuotaExceededError') for (const [k, v] of batch) if (!this.pending.has(k)) this.pending.set(k, v);
        return;
      }
    }
  }

  private async write(batch: Map<string, { visit: VisitInfo; items: { d: FindingDraft; at: number }[] }>): Promise<void> {
    const ids = [...batch.keys()];
    const touched = new Set<string>();
    await this.db.transaction('rw', this.db.findings, this.db.visits, async () => {
      const existing = await this.db.findings.bulkGet(ids);
      const out: StoredFinding[] = [];
      const newTrackers = new Map<string, number>();
      const newFindings = new Map<string, number>();
      ids.forEach((id, i) => {
        const { visit, items } = batch.get(id)!;
        let f: StoredFinding | undefined = existing[i];
        const wasNew = !f;
        for (const { d, at } of items) f = mergeDraft(f, d, visit, at);
        out.push(f!);
        touched.add(visit.visitId);
        if (wasNew) {
          newFindings.set(visit.visitId, (newFindings.get(visit.visitId) ?? 0) + 1);
          if (f!.kind === 'tracker') newTrackers.set(visit.visitId, (newTrackers.get(visit.visitId) ?? 0) + 1);
        }
      });
      await this.db.findings.bulkPut(out);
      for (const [visitId, n] of newFindings) {
        await this.db.visits
          .where('id')
          .equals(visitId)
          .modify((v) => {
            v.findingCount += n;
            v.trackerCount += newTrackers.get(visitId) ?? 0;
          });
      }
    });
    this.onWritten(touched);
  }
}
