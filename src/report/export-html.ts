// A self-contained HTML report: no external assets, no script, prints cleanly. Every page-derived
// string is escaped; links are only made from http(s) URLs.
import { PRINCIPLES } from '../model/finding';
import type { SiteReport } from '../model/report';
import { escapeHtml as e } from './escape';

const NAMES: Record<string, string> = {
  privacy: 'Privacy', transparency: 'Transparency', consent: 'Consent', fairness: 'Fairness', human: 'Human', rights: 'Rights',
};

const CSS = `body{font:14px/1.45 system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#1b1b1f}
h1{margin:0}.grade{font-size:40px;font-weight:700;border:3px solid;border-radius:12px;width:64px;height:64px;display:grid;place-items:center}
header{display:flex;gap:16px;align-items:center}.muted{color:#5d5e66}code{word-break:break-all;font-size:12px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
.finding{border:1px solid #ddd;border-radius:8px;padding:8px 12px;margin:8px 0;break-inside:avoid}.good{border-left:4px solid #1e6b3a}.concern{border-left:4px solid #b3261e}
@media print{body{margin:0}a{color:inherit}}`;

export function exportHtml(r: SiteReport): string {
  const rows = PRINCIPLES.map((p) => {
    const s = r.principles[p];
    return `<tr><th>${NAMES[p]}</th><td>${s.assessed ? s.score : '–'}</td><td>${e(s.summary)}</td></tr>`;
  }).join('');
  const sections = PRINCIPLES.map((p) => {
    const fs = r.findings.filter((f) => f.principle === p);
    if (!fs.length) return '';
    const items = fs
      .map(
        (f) => `<div class="finding ${e(f.assessment)}"><strong>${e(f.title)}</strong>${f.count > 1 ? ` <span class="muted">×${f.count}</span>` : ''}
<p>${e(f.why)}</p><p><em>What you can do:</em> ${e(f.action)}</p>
<p class="muted">${[f.company && `Company: ${e(f.company)}`, f.category && `Category: ${e(f.category)}`, `Based on: ${e(f.source)}, ${e(f.confidence)}`].filter(Boolean).join(' · ')}</p>
<ul>${f.evidence.map((ev) => `<li>${ev.url ? `<code>${e(ev.url)}</code> ` : ''}${ev.detail ? e(ev.detail) : ''}</li>`).join('')}</ul></div>`,
      )
      .join('\n');
    return `<h2>${NAMES[p]}</h2>\n${items}`;
  }).join('\n');
  const dataUse = r.dataUse.length
    ? `<h2>Who gets your data</h2><table><tr><th>Company</th><th>Data</th></tr>${r.dataUse.map((d) => `<tr><td>${e(d.company)}</td><td>${e(d.data.join(', '))}</td></tr>`).join('')}</table>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Candor report: ${e(r.site)}</title><style>${CSS}</style></head><body>
<header><div class="grade">${e(r.grade)}</div><div><h1>${e(r.site)}</h1><div class="muted"><code>${e(r.url)}</code></div>
<div class="muted">${e(r.generatedAt)} · ${e(r.tool.name)} ${e(r.tool.version)} · ${e(r.tool.browser)}</div></div></header>
<h2>At a glance</h2><table><tr><th>Principle</th><th>Score</th><th>Summary</th></tr>${rows}</table>
${dataUse}
${sections}
</body></html>`;
}
