// Files and terminal summaries for audit results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRINCIPLES } from '../model/finding';
import type { SiteReport } from '../model/report';
import { exportHtml } from '../report/export-html';
import { type AuditResult, isAuditError } from './audit';
import { safeLine as l } from './safe-text';

// Names of the dataset's own files (index.html, reports.jsonl, the demo's reports.json, findings.csv,
// the views' views.json/.html): a site with one of these names (http://index/ on an intranet) must not
// overwrite them, so it gets a leading underscore.
const RESERVED = new Set(['index', 'reports', 'findings', 'views']);

/** A file name for a site that cannot escape DIR (site names come from the page's URL) nor replace
 *  one of the dataset's own files. */
export function siteFileName(site: string): string {
  const s = site.toLowerCase().replace(/[^a-z0-9.\-]/g, '_').replace(/^\.+/, '').slice(0, 120) || 'site';
  return RESERVED.has(s) ? `_${s}` : s;
}

export function writeReportFiles(dir: string, r: SiteReport): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, siteFileName(r.site));
  writeFileSync(`${base}.json`, JSON.stringify(r, null, 2));
  writeFileSync(`${base}.html`, exportHtml(r));
  return { json: `${base}.json`, html: `${base}.html` };
}

/** A readable summary for the terminal (stderr in --json mode, stdout otherwise). Page-derived text
 *  is printed through safeLine: no control, escape or bidi override reaches the terminal. */
export function summarise(r: AuditResult): string {
  if (isAuditError(r)) return `✗ ${l(r.url)}\n  ${l(r.error)}\n`;
  const lines = [`${l(r.grade)}  ${l(r.site)}  ${l(r.url)}`];
  for (const p of PRINCIPLES) {
    const s = r.principles[p];
    lines.push(`   ${p.padEnd(13)} ${s.assessed ? String(s.score).padStart(3) : '  –'}  ${l(s.summary)}`);
  }
  const concerns = r.findings.filter((f) => f.assessment === 'concern');
  for (const f of concerns.slice(0, 12)) lines.push(`   ! ${l(f.title)}`);
  if (concerns.length > 12) lines.push(`   … and ${concerns.length - 12} more`);
  for (const f of r.findings.filter((f) => f.assessment === 'good').slice(0, 6)) lines.push(`   ✓ ${l(f.title)}`);
  return lines.join('\n') + '\n';
}
