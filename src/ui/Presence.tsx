// "Who is present": companies on this page by what they do, as one bar per category (a square per
// company) with the names beside it. Plain HTML, so it reads at popup size, in both colour schemes
// and to a screen reader (a list: "Advertising, 3: Google, Meta, Criteo").
import type { SiteReport } from '../model/report';
import { companyCount, presenceByCategory } from '../report/presence';
import { categoryKey, t } from './i18n';

export function Presence({ report }: { report: SiteReport }) {
  const rows = presenceByCategory(report);
  if (rows.length === 0) return null;
  return (
    <section className="presence" aria-labelledby="presence-h">
      <h2 id="presence-h">
        {t('whoIsPresent')} <span className="muted">· {companyCount(rows) === 1 ? t('whoIsPresentCountOne') : t('whoIsPresentCount', companyCount(rows))}</span>
      </h2>
      {/* the picture: one bar, a segment per purpose sized by its companies; the list below says the same in words */}
      <div className="purpose-bar" aria-hidden="true">
        {rows.map((r) => (
          <span key={r.category} className={`seg c-${r.category}`} style={{ flexGrow: r.companies.length }} title={`${t(categoryKey(r.category))}: ${r.companies.length}`} />
        ))}
      </div>
      <ul aria-label={t('purposeLabel')}>
        {rows.map((r) => (
          <li key={r.category} data-category={r.category}>
            <span className={`swatch c-${r.category}`} aria-hidden="true" />
            <span className="cat">{t(categoryKey(r.category))}</span>
            <span className="n">{r.companies.length}</span>
            <span className="sr-only">:</span>
            <span className="who">{r.companies.join(', ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
