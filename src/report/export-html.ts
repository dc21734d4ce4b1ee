// A self-contained HTML report of one or many site reports: no external assets, no script (the CSP
// forbids any), prints cleanly to PDF (one site per page, no backgrounds needed to read it, links
// spelled out). Every page-derived string passes through escapeHtml; nothing is ever made a link, so a
// hostile URL in the evidence stays inert text. The report's words are English for now (the finding
// wording in src/report/kinds is English-only).
import { type Finding, PRINCIPLES } from '../model/finding';
import type { SiteReport } from '../model/report';
import { escapeHtml as e } from './escape';
import { presenceByCategory } from './presence';

const NAMES: Record<string, string> = {
  privacy: 'Privacy', transparency: 'Transparency', consent: 'Consent', fairness: 'Fairness', human: 'Human', rights: 'Rights',
};
const QUESTIONS: Record<string, string> = {
  privacy: 'What is collected about me, and who gets it?',
  transparency: 'Am I told when AI or automation acts on me?',
  consent: 'Was I asked, and can I say no?',
  fairness: 'Is what I am shown the same for everyone?',
  human: 'Can I reach a person?',
  rights: 'Can I see, correct, delete my data or opt out of its sale?',
};
const DATA_LABEL: Record<string, string> = {
  'pages-viewed': 'pages you view', identifiers: 'identifiers', 'device-fingerprint': 'a device fingerprint', 'typed-input': 'what you type',
  'screen-recording': 'a recording of your screen', 'hashed-email': 'your e-mail (hashed)', 'contact-details': 'your contact details',
};
const SOURCE: Record<string, string> = { network: 'network requests (cannot be faked by the page)', dom: 'the page content', page: 'script behaviour on the page' };

const CSS = `:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#5d5e66;--line:#d9d9e0;--good:#1e6b3a;--fair:#8a5a00;--poor:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#ececf1;--bg:#18181c;--muted:#b0b1ba;--line:#3a3a44;--good:#7fd49a;--fair:#f0c062;--poor:#ff9a90}}
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:var(--fg);background:var(--bg)}
h1{margin:0;font-size:22px;overflow-wrap:anywhere}h2{font-size:17px;margin:1.4em 0 .4em}h3{font-size:15px;margin:1em 0 .3em}
.site-report+.site-report{border-top:2px solid var(--line);margin-top:2em;padding-top:1em}
.grade{font-size:36px;font-weight:700;border:3px solid;border-radius:12px;width:60px;height:60px;display:grid;place-items:center;flex:none}
.g-A,.g-B{color:var(--good)}.g-C,.g-D{color:var(--fair)}.g-E,.g-F{color:var(--poor)}
header{display:flex;gap:16px;align-items:center}.muted{color:var(--muted)}code{word-break:break-all;font-size:12px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
.finding{border:1px solid var(--line);border-left-width:4px;border-radius:8px;padding:6px 12px;margin:8px 0;break-inside:avoid}
.finding.good{border-left-color:var(--good)}.finding.concern{border-left-color:var(--poor)}.finding p{margin:4px 0}
.finding ul{margin:4px 0;padding-left:18px}.toc{columns:2}
@media print{body{margin:0;max-width:none;color:#000;background:#fff}.site-report{break-before:page}.site-report:first-of-type{break-before:auto}
.toc{display:none}h2,h3{break-after:avoid}.finding{border-color:#999}}`;

function findingHtml(f: Finding): string {
  const facts = [f.company && `Company: ${e(f.company)}`, f.vendor && f.vendor !== f.company && `Product: ${e(f.vendor)}`, f.category && `Category: ${e(f.category)}`, `Based on: ${e(SOURCE[f.source] ?? f.source)}, ${e(f.confidence)}`]
    .filter(Boolean)
    .join(' · ');
  const mark = f.assessment === 'good' ? '✓ ' : f.assessment === 'concern' ? '! ' : '';
  const evidence = f.evidence.length
    ? `<ul>${f.evidence.map((ev) => `<li>${ev.url ? `<code>${e(ev.url)}</code> ` : ''}${ev.detail ? e(ev.detail) : ''}</li>`).join('')}</ul>`
    : '';
  return `<div class="finding ${f.assessment === 'good' ? 'good' : f.assessment === 'concern' ? 'concern' : 'info'}"><strong>${mark}${e(f.title)}</strong>${f.count > 1 ? ` <span class="muted">(seen ${f.count} times)</span>` : ''}
<p>${e(f.why)}</p><p><em>What you can do:</em> ${e(f.action)}</p><p class="muted">${facts}</p>${evidence}</div>`;
}

function reportHtml(r: SiteReport, i: number): string {
  const rows = PRINCIPLES.map((p) => {
    const s = r.principles[p];
    return `<tr><th scope="row">${NAMES[p]}</th><td>${s.assessed ? e(s.score) : '–'}</td><td>${e(s.summary)}</td></tr>`;
  }).join('');
  const presence = presenceByCategory(r);
  const present = presence.length
    ? `<h2>Who is present</h2><table><tr><th scope="col">What they do</th><th scope="col">Companies</th></tr>${presence.map((p) => `<tr><td>${e(p.category)}</td><td>${e(p.companies.join(', '))}</td></tr>`).join('')}</table>`
    : '';
  const dataUse = r.dataUse.length
    ? `<h2>Who gets your data</h2><table><tr><th scope="col">Company</th><th scope="col">Data</th></tr>${r.dataUse.map((d) => `<tr><td>${e(d.company)}</td><td>${e(d.data.map((k) => DATA_LABEL[k] ?? k).join(', '))}</td></tr>`).join('')}</table>`
    : '';
  const sections = PRINCIPLES.map((p) => {
    const fs = r.findings.filter((f) => f.principle === p);
    if (!fs.length) return '';
    return `<h3>${NAMES[p]} <span class="muted">— ${QUESTIONS[p]}</span></h3>\n${fs.map(findingHtml).join('\n')}`;
  }).join('\n');
  return `<section class="site-report" id="r${i}">
<header><div class="grade g-${e(r.grade)}" role="img" aria-label="Grade ${e(r.grade)}">${e(r.grade)}</div><div><h1>${e(r.site)}</h1><div class="muted"><code>${e(r.url)}</code></div>
<div class="muted">${e(r.generatedAt)} · ${e(r.tool.name)} ${e(r.tool.version)} · ${e(r.tool.browser)}</div></div></header>
<h2>At a glance</h2><table><tr><th scope="col">Principle</th><th scope="col">Score</th><th scope="col">Summary</th></tr>${rows}</table>
${present}
${dataUse}
${r.findings.length ? `<h2>Findings</h2>\n${sections}` : '<p>No trackers, AI or pricing tricks were found on this page.</p>'}
</section>`;
}

/** One document for any number of reports (a site, or the whole history), with a contents list. */
export function exportHtmlMany(reports: readonly SiteReport[], title = 'Candor report'): string {
  const toc =
    reports.length > 1
      ? `<nav class="toc" aria-label="Contents"><ol>${reports.map((r, i) => `<li><a href="#r${i}">${e(r.site)}</a> <span class="muted">${e(r.grade)} · ${e(r.generatedAt.slice(0, 10))}</span></li>`).join('')}</ol></nav>`
      : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(title)}</title><style>${CSS}</style></head><body>
${reports.length > 1 ? `<p class="muted">${e(title)} · ${reports.length} reports</p>` : ''}${toc}
${reports.map(reportHtml).join('\n')}
${reports.length === 0 ? '<p>No reports.</p>' : ''}
</body></html>`;
}

export function exportHtml(r: SiteReport): string {
  return exportHtmlMany([r], `Candor report: ${r.site}`);
}
