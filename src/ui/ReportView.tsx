// The per-site report: grade, the six principles each with one plain sentence, who is present, and
// the findings grouped by principle (why it matters, what to do, evidence behind a disclosure).
// Shared by the popup (principles fold open one at a time) and the dashboard (`full`: all open).
// Finding titles, reasons and summaries are worded in English by src/report/kinds for now, so they
// carry lang="en" (a screen reader then reads them with an English voice in a German UI).
// All page-derived text is rendered as React text nodes (escaped); nothing is ever set as HTML.
import { type Finding, type Principle, PRINCIPLES } from '../model/finding';
import type { SiteReport } from '../model/report';
import { type MsgKey, dataKey, t } from './i18n';
import { PANELS } from './panels';
import { Presence } from './Presence';
import { useReportUi } from './store';

export const principleName = (p: Principle): string => t(`principle_${p}` as MsgKey);
export const principleQuestion = (p: Principle): string => t(`question_${p}` as MsgKey);

function scoreClass(score: number, assessed: boolean): string {
  if (!assessed) return 'score none';
  return score >= 80 ? 'score good' : score >= 50 ? 'score fair' : 'score poor';
}

const SOURCE_KEY: Record<Finding['source'], MsgKey> = { network: 'sourceNetwork', dom: 'sourceDom', page: 'sourcePage' };

export function FindingItem({ f, id }: { f: Finding; id: string }) {
  const open = useReportUi((s) => s.openFinding === id);
  const toggle = useReportUi((s) => s.toggleFinding);
  const bodyId = `f-${id}`;
  return (
    <li className={`finding ${f.assessment}`} data-kind={f.kind} data-testid="finding">
      <button className="finding-title" aria-expanded={open} aria-controls={bodyId} onClick={() => toggle(id)}>
        <span className="mark" aria-hidden="true">
          {f.assessment === 'good' ? '✓' : f.assessment === 'concern' ? '!' : 'i'}
        </span>
        <span className="title" lang="en">
          {f.title}
        </span>
        {f.count > 1 && (
          <span className="count">
            <span aria-hidden="true">×{f.count}</span>
            <span className="sr-only">{t('seenTimes', f.count)}</span>
          </span>
        )}
      </button>
      <p className="why" lang="en">
        {f.why}
      </p>
      {open && (
        <div className="finding-body" id={bodyId}>
          <p className="action">
            <strong>{t('whatYouCanDo')} </strong>
            <span lang="en">{f.action}</span>
          </p>
          <dl className="facts">
            {f.company && (
              <>
                <dt>{t('company')}</dt>
                <dd>{f.company}</dd>
              </>
            )}
            {f.category && (
              <>
                <dt>{t('category')}</dt>
                <dd>{f.category}</dd>
              </>
            )}
            <dt>{t('basedOn')}</dt>
            <dd>
              {t(SOURCE_KEY[f.source])} · {t(`confidence_${f.confidence}` as MsgKey)}
            </dd>
          </dl>
          {f.evidence.length > 0 && (
            <>
              <p className="evidence-h">{t('evidence')}</p>
              <ul className="evidence">
                {f.evidence.map((e, i) => (
                  <li key={i}>
                    {e.url && <code className="url">{e.url}</code>}
                    {e.detail && <span className="detail">{e.detail}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </li>
  );
}

export interface ReportViewProps {
  report: SiteReport;
  visitId?: string;
  tabId?: number | null;
  /** dashboard: every principle open, no popup width limits */
  full?: boolean;
}

export function ReportView({ report, visitId = '', tabId = null, full = false }: ReportViewProps) {
  const openPrinciple = useReportUi((s) => s.openPrinciple);
  const togglePrinciple = useReportUi((s) => s.togglePrinciple);
  const HeadTag = full ? 'h2' : 'h1';
  const PrincipleTag = full ? 'h3' : 'h2';
  return (
    <div className={full ? 'report full' : 'report'} data-testid="report">
      <header className="report-head">
        <div className={`grade grade-${report.grade}`} role="img" aria-label={`${t('gradeLabel', report.grade)} (${t('gradeHelp')})`}>
          <span aria-hidden="true">{report.grade}</span>
        </div>
        <div className="head-text">
          <HeadTag className="site">{report.site}</HeadTag>
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
          const open = full || openPrinciple === p;
          const bodyId = `p-${p}`;
          const head = (
            <>
                <span className={scoreClass(s.score, s.assessed)}>
                  <span aria-hidden="true">{s.assessed ? s.score : '–'}</span>
                  <span className="sr-only">{s.assessed ? t('scoreLabel', s.score) : t('notAssessed')}</span>
                </span>
                <span className="principle-text">
                  <strong>{principleName(p)}</strong>
                  <span className="summary" lang={s.assessed ? 'en' : undefined}>
                    {s.assessed ? s.summary : t('principleEmpty')}
                  </span>
                </span>
                <span className="n">
                  <span aria-hidden="true">{fs.length}</span>
                  <span className="sr-only">{t('findingsCount', fs.length)}</span>
                </span>
            </>
          );
          return (
            <li key={p} className="principle" data-principle={p}>
              {/* a heading around the button (the ARIA accordion pattern): panels' headings nest under it */}
              <PrincipleTag className="principle-h">
                {full ? (
                  <div className="principle-head">{head}</div>
                ) : (
                  <button className="principle-head" data-testid="principle-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => togglePrinciple(p)}>
                    {head}
                  </button>
                )}
              </PrincipleTag>
              {open && (
                <div className="principle-body" id={bodyId}>
                  <p className="question">{principleQuestion(p)}</p>
                  {PANELS.filter((x) => x.principle === p && x.show(report)).map((x) => (
                    <x.Component key={x.id} report={report} visitId={visitId} tabId={tabId} />
                  ))}
                  {s.reasons.length > 0 && (
                    <details className="reasons">
                      <summary>{t('whyScore', s.score)}</summary>
                      <ul>
                        {s.reasons.map((r, i) => (
                          <li key={i}>
                            <span className="pts">{r.points > 0 ? `+${r.points}` : r.points}</span> <span lang="en">{r.why}</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                  {fs.length === 0 ? (
                    <p className="empty">{t('principleEmpty')}</p>
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
      <Presence report={report} />
      {report.dataUse.length > 0 && (
        <section className="data-use" aria-labelledby="data-use-h">
          <h2 id="data-use-h">{t('whoGetsData')}</h2>
          <ul>
            {report.dataUse.map((d) => (
              <li key={d.company}>
                <strong>{d.company}</strong>: {d.data.map((k) => (dataKey(k) ? t(dataKey(k)!) : k)).join(', ')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
