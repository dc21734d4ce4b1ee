// The findings as the report shows them: one finding (title, why, what to do, evidence behind a
// disclosure) and one card per company (what it gets from the visit, what you can do, why, its
// products inside, and in the popup a button that blocks it on this site).
// All page-derived text is rendered as React text nodes (escaped); nothing is ever set as HTML.
import { memo, useState } from 'react';
import type { Finding } from '../model/finding';
import { blockableDomains, type CompanyCard } from '../report/cards';
import { ask } from './ask';
import { type MsgKey, categoryKey, dataKey, t, uiLang } from './i18n';

const SOURCE_KEY: Record<Finding['source'], MsgKey> = { network: 'sourceNetwork', dom: 'sourceDom', page: 'sourcePage' };

// One subscription to the UI store for the whole list, not two per finding: a report of 200 findings
// otherwise sets up 400 store subscriptions before it can paint. memo: opening one finding re-renders
// that one.
export const FindingItem = memo(function FindingItem({
  f,
  id,
  open,
  toggle,
  inCard,
}: {
  f: Finding;
  id: string;
  open: boolean;
  toggle: (id: string) => void;
  /** inside a company card: the card says why and what to do once, the item only what differs */
  inCard?: { why: string; action: string };
}) {
  const bodyId = `f-${id}`;
  const label = inCard ? cardItemLabel(f) : null;
  const why = inCard && f.why === inCard.why ? null : f.why;
  const action = inCard && f.action === inCard.action ? null : f.action;
  return (
    <li className={`finding ${f.assessment}`} data-kind={f.kind} data-testid="finding">
      <button className="finding-title" aria-expanded={open} aria-controls={bodyId} onClick={() => toggle(id)}>
        <span className="mark" aria-hidden="true">
          {f.assessment === 'good' ? '✓' : f.assessment === 'concern' ? '!' : 'i'}
        </span>
        {label ? (
          <span className="title">{label}</span>
        ) : (
          <span className="title" lang="en">
            {f.title}
          </span>
        )}
        {f.count > 1 && (
          <span className="count">
            <span aria-hidden="true">×{f.count}</span>
            <span className="sr-only">{t('seenTimes', f.count)}</span>
          </span>
        )}
      </button>
      {!inCard && (
        <p className="why" lang="en">
          {f.why}
        </p>
      )}
      {open && (
        <div className="finding-body" id={bodyId}>
          {inCard && why && (
            <p className="why" lang="en">
              {why}
            </p>
          )}
          {action && (
            <p className="action">
              <strong>{t('whatYouCanDo')} </strong>
              <span lang="en">{action}</span>
            </p>
          )}
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
});


/**
 * A plain tracker inside its company's card is named by its product and what it does ("Google
 * Analytics · Analytics"): the card already says that the company is told. Every other finding keeps
 * its own sentence, which says what is particular about it (a cookie's name, a technique, a block).
 */
function cardItemLabel(f: Finding): string | null {
  if (f.kind !== 'tracker' || f.assessment === 'good' || f.details.learned || f.details.servedFrom === 'first-party' || !f.vendor) return null;
  return `${f.vendor} · ${t(categoryKey(f.category ?? 'other'))}`;
}

/** "the pages you view, identifiers and a device fingerprint", joined the way the UI language joins lists */
export function listOf(items: readonly string[]): string {
  try {
    return new Intl.ListFormat(uiLang(), { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}


/**
 * The fix on the card: block this company's third-party domains on this site (the same
 * declarativeNetRequest rules as the consent panel's category blocks), or undo it. Popup only.
 */
function CardBlock({ company, tabId, blocked }: { company: string; tabId: number; blocked: readonly string[] | undefined }) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  async function run(block: boolean): Promise<void> {
    setBusy(true);
    try {
      const r = await ask({ type: 'company/block', tabId, company, block });
      setStatus(!r.ok ? t('cardNothingToBlock', company) : block ? t('cardBlockedNow', r.domains.join(', ')) : t('cardUnblockedNow', company));
    } catch (e) {
      setStatus(t('actionFailed', String((e as Error)?.message ?? e).slice(0, 200)));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="card-block">
      {blocked?.length ? (
        <>
          <span className="card-blocked">{t('cardBlockedList', blocked.join(', '))}</span>{' '}
          <button disabled={busy} onClick={() => void run(false)}>
            {t('cardUnblock', company)}
          </button>
        </>
      ) : (
        <button disabled={busy} onClick={() => void run(true)}>
          {t('cardBlock', company)}
        </button>
      )}
      <span className="card-status" role="status">
        {status}
      </span>
    </div>
  );
}

export const CompanyCardView = memo(function CompanyCardView({
  card,
  findings,
  openFinding,
  toggle,
  Heading,
  site,
  tabId,
  blocked,
}: {
  card: CompanyCard;
  findings: readonly Finding[];
  /** the open finding when it is one of this card's (so opening another card's leaves this one alone) */
  openFinding: string | null;
  toggle: (id: string) => void;
  Heading: 'h3' | 'h4';
  site: string;
  /** the popup's tab: the card offers its block button (null in the dashboard) */
  tabId: number | null;
  /** this company's domains blocked on the site, when it is */
  blocked: readonly string[] | undefined;
}) {
  const lead = findings[card.lead]!;
  const canBlock = tabId !== null && (!!blocked?.length || blockableDomains(card.items.map((i) => findings[i]!), site).length > 0);
  const shared = { why: lead.why, action: lead.action };
  const learns = card.data.map((d) => (dataKey(d) ? t(dataKey(d)!) : d));
  return (
    <li className={`card ${card.assessment}`} data-testid="company-card" data-company={card.company}>
      <div className="card-head">
        <span className="mark" aria-hidden="true">
          {card.assessment === 'good' ? '✓' : card.assessment === 'concern' ? '!' : 'i'}
        </span>
        <Heading className="card-title">{card.company}</Heading>
        {card.categories.length > 0 && <span className="card-cats">{card.categories.map((c) => t(categoryKey(c))).join(' · ')}</span>}
      </div>
      <p className="learns">{learns.length ? t('cardLearns', listOf(learns)) : t('cardLearnsNothing')}</p>
      {lead.assessment !== 'good' && (
        <p className="card-action">
          <strong>{t('whatYouCanDo')} </strong>
          <span lang="en">{lead.action}</span>
        </p>
      )}
      {canBlock && <CardBlock company={card.company} tabId={tabId!} blocked={blocked} />}
      <p className="card-why" lang="en">
        {lead.why}
      </p>
      <ul className="findings card-items" aria-label={t('cardItems', card.company)}>
        {card.items.map((i) => (
          <FindingItem key={i} id={`f${i}`} f={findings[i]!} open={openFinding === `f${i}`} toggle={toggle} inCard={shared} />
        ))}
      </ul>
    </li>
  );
});
