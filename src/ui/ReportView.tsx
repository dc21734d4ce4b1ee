// The per-site report: grade, the six principles with their one-line summaries and score reasons,
// the data-use map, and findings with evidence. Shared by the popup and the dashboard.
// All page-derived text is rendered as React text nodes (escaped); nothing is ever set as HTML.
import { type Finding, type Principle, PRINCIPLES } from '../model/finding';
import type { SiteReport } from '../model/report';
import { PANELS } from './panels';
import { useReportUi } from './store';

export const PRINCIPLE_LABEL: Record<Principle, { name: string; question: string }> = {
  privacy: { name: 'Privacy', question: 'What is collected about me, and who gets it?' },
  transparency: { name: 'Transparency', question: 'Am I told when AI or automation acts on me?' },
  consent: { name: 'Consent', question: 'Was I asked, and can I say no?' },
  fairness: { name: 'Fairness', question: 'Is what I am shown the same for everyone?' },
  human: { name: 'Human', question: 'Can I reach a person?' },
  rights: { name: 'Rights', question: 'Can I see, correct, delete my data or opt out of its sale?' },
};

const DATA_LABEL: Record<string, string> = {
  'pages-viewed': 'pages you view',
  identifiers: 'identifiers',
  'device-fingerprint': 'a device fingerprint',
  'typed-input': 'what you type',
  'screen-recording': 'a recording of your screen',
  'hashed-email': 'your e-mail (hashed)',
  'contact-details': 'your contact details',
};

function scoreClass(score: number, assessed: boolean): string {
  if (!assessed) return 'score none';
  return score >= 80 ? 'score good' : score >= 50 ? 'score fair' : 'score poor';
}

export function FindingItem({ f, id }: { f: Finding; id: string }) {
  const open = useReportUi((s) => s.openFinding === id);
  const toggle = useReportUi((s) => s.toggleFinding);
  return (
    <li className={`finding ${f.assessment}`} data-kind={f.kind}>
      <button className="finding-title" aria-expanded={open} onClick={() => toggle(id)}>
        <span className="mark" aria-hidden="true">{f.assessment === 'good' ? '✓' : f.assessment === 'concern' ? '!' : 'i'}</span>
        <span>{f.title}</span>
        {f.count > 1 && <span className="count" aria-label={`seen ${f.count} times`}>×{f.count}</span>}
      </button>
      {open && (
        <div className="finding-body">
          <p className="why">{f.why}</p>
          <p className="action">
            <strong>What you can do: </strong>
            {f.action}
          </p>
          <dl className="facts">
            {f.company && (
              <>
                <dt>Company</dt>
                <dd>{f.company}</dd>
              </>
            )}
            {f.category && (
              <>
                <dt>Category</dt>
                <dd>{f.category}</dd>
              </>
            )}
            <dt>Based on</dt>
            <dd>
              {f.source === 'network' ? 'network requests (cannot be faked by the page)' : f.source === 'dom' ? 'the page content' : 'script behaviour on the page'} · {f.confidence}
            </dd>
          </dl>
          <ul className="evidence">
            {f.evidence.map((e, i) => (
              <li key={i}>
                {e.url && <code className="url">{e.url}</code>}
                {e.detail && <span className="detail">{e.detail}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

export function ReportView({ report, visitId = '', tabId = null }: { report: SiteReport; visitId?: string; tabId?: number | null }) {
  const openPrinciple = useReportUi((s) => s.openPrinciple);
  const togglePrinciple = useReportUi((s) => s.togglePrinciple);
  return (
    <div className="report">
      <header className="report-head">
        <div className={`grade grade-${report.grade}`} aria-label={`Grade ${report.grade}`}>
          {report.grade}
        </div>
        <div>
          <h1 className="site">{report.site}</h1>
          <p className="url" title={report.url}>
            {report.url}
          </p>
        </div>
      </header>
      {PANELS.filter((x) => x.principle === 'top' && x.show(report)).map((x) => (
        <x.Component key={x.id} report={report} visitId={visitId} tabId={tabId} />
      ))}
      <ul className="principles">
        {PRINCIPLES.map((p) => {
          const s = report.principles[p];
          const fs = report.findings.filter((f) => f.principle === p);
          const open = openPrinciple === p;
          return (
            <li key={p} className="principle" data-principle={p}>
              <button className="principle-head" aria-expanded={open} onClick={() => togglePrinciple(p)}>
                <span className={scoreClass(s.score, s.assessed)} aria-label={s.assessed ? `score ${s.score} of 100` : 'not assessed'}>
                  {s.assessed ? s.score : '–'}
                </span>
                <span className="principle-text">
                  <strong>{PRINCIPLE_LABEL[p].name}</strong>
                  <span className="summary">{s.summary}</span>
                </span>
                <span className="n">{fs.length}</span>
              </button>
              {open && (
                <div className="principle-body">
                  <p className="question">{PRINCIPLE_LABEL[p].question}</p>
                  {PANELS.filter((x) => x.principle === p && x.show(report)).map((x) => (
                    <x.Component key={x.id} report={report} visitId={visitId} tabId={tabId} />
                  ))}
                  {s.reasons.length > 0 && (
                    <details className="reasons">
                      <summary>Why {s.score}?</summary>
                      <ul>
                        {s.reasons.map((r, i) => (
                          <li key={i}>
                            <span className="pts">{r.points > 0 ? `+${r.points}` : r.points}</span> {r.why}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                  {fs.length === 0 ? (
                    <p className="empty">Nothing found either way on this page.</p>
                  ) : (
                    <ul className="findings">
                      {fs.map((f, i) => (
                        <FindingItem key={`${f.kind}-${i}`} id={`${p}-${i}`} f={f} />
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {report.dataUse.length > 0 && (
        <section className="data-use" aria-label="Who gets which data">
          <h2>Who gets your data</h2>
          <ul>
            {report.dataUse.map((d) => (
              <li key={d.company}>
                <strong>{d.company}</strong>: {d.data.map((k) => DATA_LABEL[k] ?? k).join(', ')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
