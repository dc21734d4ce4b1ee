// What a views run hands back: the versioned JSON object (docs/views.md), a table for the terminal,
// and --out DIR: views.json, a single-file offline views.html and each view's own report files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRINCIPLES } from '../../model/finding';
import { type ViewDifference, type ViewResult, type ViewsFile, VIEWS_VERSION } from '../../model/views';
import { escapeHtml as e } from '../../report/escape';
import { siteFileName, writeReportFiles } from '../output';
import type { ViewRun } from './run';

export function viewsFile(url: string, runs: readonly ViewRun[], differences: ViewDifference[], now = new Date()): ViewsFile {
  const views: ViewResult[] = runs.map((r) => (r.report ? { name: r.spec.name, ok: true, report: r.report } : { name: r.spec.name, ok: false, error: r.error ?? 'the view was not taken' }));
  return { candorViews: VIEWS_VERSION, url, generatedAt: now.toISOString(), views, differences };
}

/** Page text must not steer the terminal: no control characters (C0, C1), no bidi overrides. */
export function forTerminal(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

function fit(s: string, w: number): string {
  const t = forTerminal(s);
  return t.length > w ? t.slice(0, w - 1) + '…' : t.padEnd(w);
}

/** The differences as a table for people: one row per view that differs, the baseline first. */
export function formatViews(f: ViewsFile): string {
  const lines = [`Candor customer views of ${forTerminal(f.url)}`];
  lines.push('  ' + f.views.map((v) => (v.ok ? `✓ ${forTerminal(v.name)}` : `✗ ${forTerminal(v.name)}`)).join('   '));
  for (const v of f.views.filter((x) => !x.ok)) lines.push(`  ✗ ${forTerminal(v.name)}: ${forTerminal(v.error ?? '')}`);
  lines.push('');
  const base = f.views[0];
  if (!base?.ok) {
    lines.push(`The baseline view (${forTerminal(base?.name ?? 'new')}) could not be taken: nothing to compare the others with.`);
    return lines.join('\n') + '\n';
  }
  if (f.differences.length === 0) {
    lines.push('no differences: every view was shown the same (price, trackers, consent, experiments, AI chat, urgency, GPC, headline)');
    return lines.join('\n') + '\n';
  }
  lines.push(`${f.differences.length} difference${f.differences.length === 1 ? '' : 's'}:`, '');
  const subjW = Math.min(34, Math.max(7, ...f.differences.map((d) => d.subject.length)));
  const viewW = Math.min(26, Math.max(4, ...f.views.map((v) => v.name.length)));
  lines.push(`${fit('TOPIC', 12)} ${fit('SUBJECT', subjW)} ${fit('VIEW', viewW)} VALUE`);
  for (const d of f.differences) {
    let first = true;
    for (const [view, value] of Object.entries(d.values)) {
      lines.push(`${fit(first ? d.topic : '', 12)} ${fit(first ? d.subject : '', subjW)} ${fit(view, viewW)} ${fit(value, 90).trimEnd()}`);
      first = false;
    }
  }
  return lines.join('\n') + '\n';
}

/** A folder name per view that cannot leave DIR: locale=de-DE → locale-de-DE, from=https://a.test/ → from-a.test. */
export function viewDirNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let s = n;
    const eq = n.indexOf('=');
    if (eq > 0) {
      const key = n.slice(0, eq);
      let arg = n.slice(eq + 1);
      if (key === 'from') {
        try {
          arg = new URL(arg).hostname;
        } catch {
          // keep as given
        }
      } else if (key === 'cookies') arg = arg.split(/[\\/]/).pop() ?? arg;
      s = `${key}-${arg}`;
    }
    let base = s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.]+/, '').slice(0, 80) || 'view';
    if (used.has(base)) {
      let k = 2;
      while (used.has(`${base}-${k}`)) k++;
      base = `${base}-${k}`;
    }
    used.add(base);
    return base;
  });
}

const CSS = `:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#5d5e66;--line:#d9d9e0;--hl:#fff1c2;--hl-fg:#3d2c00;--bad:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#ececf1;--bg:#18181c;--muted:#b0b1ba;--line:#3a3a44;--hl:#4a3b00;--hl-fg:#ffe8a3;--bad:#ff9a90}}
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em;color:var(--fg);background:var(--bg)}
h1{font-size:21px;margin:0 0 .2em;overflow-wrap:anywhere}h2{font-size:17px;margin:1.4em 0 .5em}.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%}td,th{border:1px solid var(--line);padding:5px 7px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
td.diff{background:var(--hl);color:var(--hl-fg);font-weight:600}td.same{color:var(--muted)}
.evidence{font-size:12px;color:var(--muted);margin:.3em 0 0;padding-left:1.1em}
.views{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(260px,1fr);gap:14px;overflow-x:auto;padding-bottom:6px}
td.topic{white-space:nowrap}
.view{border:1px solid var(--line);border-radius:10px;padding:10px 12px;min-width:0}.view h3{margin:0 0 .3em;font-size:15px;overflow-wrap:anywhere}
.view img{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;display:block;margin:.4em 0}
.view.failed{border-color:var(--bad)}.error{color:var(--bad)}.grade{font-weight:700;font-size:18px}
.view ul{padding-left:1.1em;margin:.3em 0}.view li{margin:.15em 0}code{font-size:12px;word-break:break-all}`;

export interface HtmlView {
  /** data: URI of the view's screenshot, if any */
  screenshot?: string;
  /** relative link to the view's own report (DIR/<view>/<site>.html) */
  reportHref?: string;
  headline?: string;
}

/** views.html: one file, no script, no external asset (the CSP forbids both); all page text escaped. */
export function viewsHtml(f: ViewsFile, extra: readonly HtmlView[] = []): string {
  const names = f.views.map((v) => v.name);
  const base = names[0] ?? 'new';
  const rows = f.differences
    .map((d) => {
      const cells = names
        .map((n) => {
          const v = d.values[n];
          if (v !== undefined) return `<td class="${n === base ? 'base' : 'diff'}">${e(v)}</td>`;
          const ok = f.views.find((x) => x.name === n)?.ok;
          return `<td class="same">${ok ? `same as ${e(base)}` : 'not taken'}</td>`;
        })
        .join('');
      const ev = d.evidence.length
        ? `<ul class="evidence">${d.evidence.map((x) => `<li>${e(x.view)}: ${x.detail ? e(x.detail) : ''}${x.url ? ` <code>${e(x.url)}</code>` : ''}</li>`).join('')}</ul>`
        : '';
      return `<tr><td class="topic">${e(d.topic)}</td><td>${e(d.subject)}${ev}</td>${cells}</tr>`;
    })
    .join('\n');
  const diffs = f.differences.length
    ? `<table><thead><tr><th scope="col">Topic</th><th scope="col">Subject and evidence</th>${names.map((n) => `<th scope="col">${e(n)}</th>`).join('')}</tr></thead><tbody>\n${rows}\n</tbody></table>`
    : `<p>${f.views[0]?.ok ? 'No differences: every view was shown the same.' : 'The baseline view could not be taken: nothing to compare with.'}</p>`;
  const cards = f.views
    .map((v, i) => {
      const x = extra[i] ?? {};
      if (!v.ok || !v.report) return `<section class="view failed"><h3>${e(v.name)}</h3><p class="error">Not taken: ${e(v.error)}</p></section>`;
      const r = v.report;
      const scores = PRINCIPLES.map((p) => `${p} ${r.principles[p]?.assessed === false ? '–' : e(r.principles[p]?.score)}`).join(' · ');
      const findings = r.findings.slice(0, 40).map((fd) => `<li>${e(fd.title)}</li>`).join('');
      return `<section class="view"><h3>${e(v.name)}</h3>
${x.screenshot && /^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/.test(x.screenshot) ? `<img src="${x.screenshot}" alt="The page as the ${e(v.name)} view saw it">` : ''}
${x.headline ? `<p>Headline: “${e(x.headline)}”</p>` : ''}
<p><span class="grade">${e(r.grade)}</span> <span class="muted">${scores}</span></p>
<ul>${findings}${r.findings.length > 40 ? `<li class="muted">… and ${r.findings.length - 40} more</li>` : ''}</ul>
${x.reportHref ? `<p><a href="${e(x.reportHref)}">This view’s full report</a></p>` : ''}</section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Candor customer views: ${e(f.url)}</title><style>${CSS}</style></head><body>
<h1>Customer views of <code>${e(f.url)}</code></h1>
<p class="muted">${f.views.length} views (${names.map(e).join(', ')}) · ${e(f.generatedAt)} · each view is a visitor that differs from <strong>${e(base)}</strong> in one thing</p>
<h2>Differences (${f.differences.length})</h2>
${diffs}
<h2>The views side by side</h2>
<div class="views">
${cards}
</div>
</body></html>
`;
}

/** Writes DIR/views.json, DIR/views.html, and DIR/<view>/<site>.json|.html|screenshot.jpg for each view taken. */
export function writeViewsOut(dir: string, f: ViewsFile, runs: readonly ViewRun[]): string[] {
  mkdirSync(dir, { recursive: true });
  const dirs = viewDirNames(runs.map((r) => r.spec.name));
  const written = ['views.json', 'views.html'];
  const extra: HtmlView[] = runs.map((r, i) => {
    const x: HtmlView = { headline: r.seen?.headline };
    if (r.seen?.screenshot) {
      x.screenshot = `data:image/jpeg;base64,${r.seen.screenshot.toString('base64')}`;
      mkdirSync(join(dir, dirs[i]!), { recursive: true });
      writeFileSync(join(dir, dirs[i]!, 'screenshot.jpg'), r.seen.screenshot);
    }
    if (r.report) {
      writeReportFiles(join(dir, dirs[i]!), r.report);
      x.reportHref = `${encodeURIComponent(dirs[i]!)}/${encodeURIComponent(siteFileName(r.report.site))}.html`;
      written.push(`${dirs[i]}/`);
    }
    return x;
  });
  writeFileSync(join(dir, 'views.json'), JSON.stringify(f, null, 2) + '\n');
  writeFileSync(join(dir, 'views.html'), viewsHtml(f, extra));
  return written;
}
