// index.html over an --out directory: every site with its grade and scores, the errors, and the
// companies seen on the most sites. Self-contained, no script; every page-derived string escaped.
import { PRINCIPLES } from '../model/finding';
import { escapeHtml as e } from '../report/escape';
import type { AuditResult } from './audit';
import { siteFileName } from './output';

export interface IndexEntry {
  input: string;
  result: AuditResult;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1b1b1f}
table{border-collapse:collapse;width:100%;margin-bottom:2em}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
.g{font-weight:700}.muted{color:#5d5e66}code{word-break:break-all;font-size:12px}`;

/** Companies by the number of sites they were found on (trackers and the data-use map). */
export function topCompanies(entries: readonly IndexEntry[], max = 25): { company: string; sites: number }[] {
  const sites = new Map<string, Set<string>>();
  for (const { result: r } of entries) {
    if ('error' in r) continue;
    const names = new Set<string>([...r.findings.map((f) => f.company).filter((c): c is string => !!c), ...(r.dataUse ?? []).map((d) => d.company)]);
    for (const c of names) sites.set(c, (sites.get(c) ?? new Set()).add(r.site));
  }
  return [...sites]
    .map(([company, s]) => ({ company, sites: s.size }))
    .sort((a, b) => b.sites - a.sites || a.company.localeCompare(b.company))
    .slice(0, max);
}

/** `data`: the dataset files next to index.html, linked from its header. */
export function indexHtml(entries: readonly IndexEntry[], o: { now?: Date; data?: string[] } = {}): string {
  const now = o.now ?? new Date();
  const data = o.data ?? ['reports.jsonl', 'findings.csv'];
  const ok = entries.filter((x) => !('error' in x.result));
  const failed = entries.filter((x) => 'error' in x.result);
  const grades = new Map<string, number>();
  for (const { result } of ok) if (!('error' in result)) grades.set(result.grade, (grades.get(result.grade) ?? 0) + 1);
  const rows = ok
    .map(({ input, result: r }) => {
      if ('error' in r) return '';
      const concerns = r.findings.filter((f) => f.assessment === 'concern').length;
      const trackers = r.findings.filter((f) => f.kind === 'tracker').length;
      const scores = PRINCIPLES.map((p) => `<td>${r.principles[p]?.assessed === false ? '–' : e(r.principles[p]?.score)}</td>`).join('');
      return `<tr><td><a href="${e(encodeURIComponent(siteFileName(r.site)))}.html">${e(r.site)}</a><br><code class="muted">${e(input)}</code></td><td class="g">${e(r.grade)}</td>${scores}<td>${trackers}</td><td>${concerns}</td></tr>`;
    })
    .join('\n');
  const errors = failed.map(({ input, result }) => `<tr><td><code>${e(input)}</code></td><td>${e((result as { error: string }).error)}</td></tr>`).join('\n');
  const companies = topCompanies(entries)
    .map((c) => `<tr><td>${e(c.company)}</td><td>${c.sites}</td></tr>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Candor audit: ${entries.length} URLs</title><style>${CSS}</style></head><body>
<h1>Candor audit</h1>
<p class="muted">${ok.length} audited, ${failed.length} failed · grades: ${['A', 'B', 'C', 'D', 'E', 'F'].map((g) => `${g} ${grades.get(g) ?? 0}`).join(', ')} · ${e(now.toISOString())} · data: ${data.map((f) => `<a href="${e(f)}">${e(f)}</a>`).join(', ')}</p>
<h2>Sites</h2>
<table><tr><th>Site</th><th>Grade</th>${PRINCIPLES.map((p) => `<th>${p}</th>`).join('')}<th>Trackers</th><th>Concerns</th></tr>
${rows}</table>
<h2>Companies on the most sites</h2>
<table><tr><th>Company</th><th>Sites</th></tr>
${companies || '<tr><td colspan="2">None found.</td></tr>'}</table>
${failed.length ? `<h2>Could not be audited</h2><table><tr><th>URL</th><th>Why</th></tr>\n${errors}</table>` : ''}
</body></html>
`;
}
