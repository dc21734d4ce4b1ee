// The per-site report: grade, the six principles each with one plain sentence, who is present, and
// the findings grouped by principle (why it matters, what to do, evidence behind a disclosure).
// Shared by the popup (principles fold open one at a time) and the dashboard (`full`: all open).
// The findings and company cards themselves are in CompanyCard.tsx. Finding titles, reasons and
// summaries are worded in English by src/report/kinds for now, so they
// carry lang="en" (a screen reader then reads them with an English voice in a German UI).
// All page-derived text is rendered as React text nodes (escaped); nothing is ever set as HTML.
import { useMemo } from 'react';
import { type Principle, PRINCIPLES } from '../model/finding';
import type { SiteReport } from '../model/report';
import { type CompanyCard, companyCards } from '../report/cards';
import { headlineOf } from '../report/headline';
import { settingsOf } from '../storage/settings';
import { readSettingRows } from '../storage/stored';
import { CompanyCardView, FindingItem } from './CompanyCard';
import { type MsgKey, dataKey, t, tn, uiLang } from './i18n';
import { PANELS } from './panels';
import { Presence } from './Presence';
import { useReportUi } from './store';
import { useStored } from './useStored';

export const principleName = (p: Principle): string => t(`principle_${p}` as MsgKey);
export const principleQuestion = (p: Principle): string => t(`question_${p}` as MsgKey);

function scoreClass(score: number, assessed: boolean): string {
  if (!assessed) return 'score none';
  return score >= 80 ? 'score good' : score >= 50 ? 'score fair' : 'score poor';
}


/** One sentence that sums up the page, each clause counted from the findings (src/report/headline.ts). */
export function headlineText(report: SiteReport): string | null {
  const h = headlineOf(report.findings);
  const parts: string[] = [];
  if (h.companies > 0) parts.push(tn('hlCompanies', h.companies));
  if (h.recording > 0) parts.push(tn('hlRecording', h.recording));
  if (h.fingerprinting > 0) parts.push(tn('hlFingerprint', h.fingerprinting));
  if (h.typing > 0) parts.push(tn('hlTyping', h.typing));
  if (h.contact > 0) parts.push(tn('hlContact', h.contact));
  if (h.aiChat) parts.push(t(h.aiChat === 'disclosed' ? 'hlAiDisclosed' : h.aiChat === 'undisclosed' ? 'hlAiUndisclosed' : 'hlAiUnknown'));
  if (h.priceDiffers) parts.push(t('hlPriceDiffers'));
  if (parts.length === 0) return null;
  const s = parts.join('; ');
  return `${s.charAt(0).toLocaleUpperCase(uiLang())}${s.slice(1)}.`;
}

const NO_CARDS = { cards: [] as CompanyCard[], loose: [] as number[] };

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
  const openFinding = useReportUi((s) => s.openFinding);
  const toggleFinding = useReportUi((s) => s.toggleFinding);
  const HeadTag = full ? 'h2' : 'h1';
  const headline = useMemo(() => headlineText(report), [report]);
  // the popup folds the principles with nothing found into one line (their panels still open from it);
  // the dashboard shows every principle at full size
  const quiet = full ? [] : PRINCIPLES.filter((p) => !report.principles[p].assessed);
  const byPrinciple = useMemo(() => {
    const out = Object.fromEntries(PRINCIPLES.map((p) => [p, [] as number[]])) as Record<Principle, number[]>;
    report.findings.forEach((f, i) => out[f.principle].push(i));
    return out;
  }, [report.findings]);
  const PrincipleTag = full ? 'h3' : 'h2';
  // the companies blocked on this site, live (a card's block button changes them); popup only
  const blockedCompanies = useStored(['settings'], async (db) => (tabId === null || !db ? {} : settingsOf(await readSettingRows(db)).blockedCompanies[report.site] ?? {}), [tabId, report.site]);
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
      {headline && (
        <p className="headline" data-testid="headline">
          {headline}
        </p>
      )}
      <Presence report={report} />
      {report.limited ? (
        <p className="limited" role="note" data-testid="limited">
          {t('observationLimited')}
        </p>
      ) : null}
      {PANELS.filter((x) => x.principle === 'top' && x.show(report)).map((x) => (
        <x.Component key={x.id} report={report} visitId={visitId} tabId={tabId} />
      ))}
      <ul className="principles">
        {PRINCIPLES.filter((p) => !quiet.includes(p)).map((p) => {
          const s = report.principles[p];
          const idx = byPrinciple[p];
          const open = full || openPrinciple === p;
          const { cards, loose } = open ? companyCards(report.findings, idx) : NO_CARDS;
          const bodyId = `p-${p}`;
          const head = (
            <>
                <span className={scoreClass(s.score, s.assessed)}>
                  <span aria-hidden="true">{s.assessed ? t('scoreOutOf', s.score) : '–'}</span>
                  <span className="sr-only">{s.assessed ? t('scoreLabel', s.score) : t('notAssessed')}</span>
                </span>
                <span className="principle-text">
                  <strong>{principleName(p)}</strong>
                  <span className="summary" lang={s.assessed ? 'en' : undefined}>
                    {s.assessed ? s.summary : t('principleEmpty')}
                  </span>
                </span>
                <span className="n">{tn('findingsCount', idx.length)}</span>
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
                  {idx.length === 0 ? (
                    <p className="empty">{t('principleEmpty')}</p>
                  ) : (
                    <>
                      {cards.length > 0 && (
                        <ul className="cards">
                          {cards.map((c) => (
                            <CompanyCardView
                              key={c.company}
                              card={c}
                              findings={report.findings}
                              openFinding={openFinding && c.items.some((i) => openFinding === `f${i}`) ? openFinding : null}
                              toggle={toggleFinding}
                              Heading={full ? 'h4' : 'h3'}
                              site={report.site}
                              tabId={tabId}
                              blocked={blockedCompanies?.[c.company]}
                            />
                          ))}
                        </ul>
                      )}
                      {loose.length > 0 && (
                        <ul className="findings">
                          {loose.map((i) => (
                            <FindingItem key={i} id={`f${i}`} f={report.findings[i]!} open={openFinding === `f${i}`} toggle={toggleFinding} />
                          ))}
                        </ul>
                      )}
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
        {quiet.length > 0 && (
          <li className="quiet-row" data-testid="quiet-principles">
            <span className="quiet-label">{t('quietLine')} </span>
            {quiet.map((p) => {
              const open = openPrinciple === p;
              const bodyId = `p-${p}`;
              return (
                <div key={p} className="principle quiet" data-principle={p}>
                  <PrincipleTag className="principle-h">
                    <button className="principle-head" data-testid="principle-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => togglePrinciple(p)}>
                      {principleName(p)}
                    </button>
                  </PrincipleTag>
                  {open && (
                    <div className="principle-body" id={bodyId}>
                      <p className="question">{principleQuestion(p)}</p>
                      {PANELS.filter((x) => x.principle === p && x.show(report)).map((x) => (
                        <x.Component key={x.id} report={report} visitId={visitId} tabId={tabId} />
                      ))}
                    </div>
                  )}
                </div>
              );
            })}
          </li>
        )}
      </ul>
      {full && report.dataUse.length > 0 && (
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
