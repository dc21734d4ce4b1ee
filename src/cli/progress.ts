// Progress on stderr and the summary table at the end. On a terminal, one bar line redrawn in place;
// anywhere else (CI logs, files), one plain line per finished URL, so logs stay readable.
import { PRINCIPLES } from '../model/finding';
import { type AuditResult, isAuditError } from './audit';
import { safeLine, safeText } from './safe-text';

export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class Progress {
  private done = 0;
  private failed = 0;
  private readonly started = Date.now();
  private drawn = false;

  constructor(private readonly total: number, private readonly out: ProgressSink, private readonly enabled = true) {}

  /** Text for the terminal (a URL's summary, a retry notice) without breaking the bar. */
  log(text: string, to: ProgressSink = this.out): void {
    this.clear();
    const t = safeText(text);
    to.write(t.endsWith('\n') ? t : t + '\n');
    this.draw();
  }

  tick(r: AuditResult, url: string): void {
    this.done++;
    if (isAuditError(r)) this.failed++;
    if (!this.enabled) return;
    if (this.out.isTTY) return this.draw();
    const what = isAuditError(r) ? `failed: ${r.error}` : `${r.grade} ${r.site}`;
    this.out.write(`[${this.done}/${this.total}] ${safeLine(url)} ${safeLine(what)}\n`);
  }

  finish(): void {
    this.clear();
  }

  line(): string {
    const secs = (Date.now() - this.started) / 1000;
    const eta = this.done ? Math.round((secs / this.done) * (this.total - this.done)) : 0;
    const width = 24;
    const full = this.total ? Math.round((this.done / this.total) * width) : width;
    return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${this.done}/${this.total} · ${this.failed} failed · ${this.done && this.done < this.total ? `~${fmtSecs(eta)} left` : fmtSecs(Math.round(secs))}`;
  }

  private draw(): void {
    if (!this.enabled || !this.out.isTTY) return;
    this.out.write(`\r${this.line().slice(0, (this.out.columns ?? 80) - 1)}\x1b[K`);
    this.drawn = true;
  }

  private clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }
}

function fmtSecs(s: number): string {
  return s >= 120 ? `${Math.round(s / 60)} min` : `${s} s`;
}

/** The table printed at the end of a run: one row per URL (up to `max`), then the totals. */
export function summaryTable(urls: readonly string[], results: readonly (AuditResult | undefined)[], max = 200): string {
  const rows: string[][] = [['#', 'grade', ...PRINCIPLES.map((p) => p.slice(0, 5)), 'trk', 'site / error']];
  const grades = new Map<string, number>();
  let failed = 0;
  results.forEach((r, i) => {
    if (!r) return;
    if (isAuditError(r)) {
      failed++;
      if (rows.length <= max) rows.push([String(i + 1), '✗', ...PRINCIPLES.map(() => ''), '', safeLine(`${urls[i]} — ${r.error}`)]);
      return;
    }
    grades.set(r.grade, (grades.get(r.grade) ?? 0) + 1);
    if (rows.length <= max) {
      rows.push([
        String(i + 1),
        r.grade,
        ...PRINCIPLES.map((p) => (r.principles[p]?.assessed === false ? '–' : String(r.principles[p]?.score ?? ''))),
        String(r.findings.filter((f) => f.kind === 'tracker').length),
        safeLine(r.site),
      ]);
    }
  });
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (c === rows[0]!.length - 1 ? 0 : r[c]!.length))));
  const text = rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padStart(widths[c]!))).join('  ')).join('\n');
  const audited = results.filter((r) => r && !isAuditError(r)).length;
  const more = results.filter(Boolean).length - (rows.length - 1);
  const totals = `${audited} audited, ${failed} failed · grades ${['A', 'B', 'C', 'D', 'E', 'F'].map((g) => `${g}:${grades.get(g) ?? 0}`).join(' ')}`;
  return `\n${text}${more > 0 ? `\n… and ${more} more (see --out DIR/index.html)` : ''}\n${totals}\n`;
}
