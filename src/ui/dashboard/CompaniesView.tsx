// Companies that see you across sites: a ranked list ("Google saw you on 84% of sites") and a
// company × site matrix (Lightbeam's idea) of the companies seen most on the sites with most companies.
import { useMemo } from 'react';
import { companiesPerSite, companyReach } from '../../report/history';
import { t } from '../i18n';
import { type HistoryData, siteHref } from './useHistory';

const RANKED = 50;
const MATRIX_COMPANIES = 10;
const MATRIX_SITES = 15;

export function CompaniesView({ data }: { data: HistoryData }) {
  const reach = useMemo(() => companyReach(data.findings, data.sites.length), [data]);
  const topSites = useMemo(
    () =>
      [...companiesPerSite(data.findings)]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, MATRIX_SITES)
        .map(([s]) => s),
    [data],
  );
  if (!data.findingsReady) return <p role="status">{t('loading')}</p>;
  if (reach.length === 0) {
    return (
      <section aria-labelledby="co-h">
        <h2 id="co-h">{t('companiesHeading')}</h2>
        <p className="empty">{t('noCompanies')}</p>
      </section>
    );
  }
  const cols = reach.slice(0, MATRIX_COMPANIES);
  const seen = new Map(cols.map((c) => [c.company, new Set(c.sites)]));
  return (
    <>
      <section aria-labelledby="co-h">
        <h2 id="co-h">{t('companiesHeading')}</h2>
        <ol className="reach">
          {reach.slice(0, RANKED).map((c) => {
            const pct = Math.round(c.share * 100);
            return (
              <li key={c.company} data-company={c.company}>
                <span className="reach-text">{t('companyReach', c.company, pct)}</span>
                <span className="bar" aria-hidden="true">
                  <span className="fill" style={{ width: `${Math.max(1, pct)}%` }} />
                </span>
                <span className="muted reach-n">{t('companySites', c.sites.length, data.sites.length)}</span>
              </li>
            );
          })}
        </ol>
      </section>
      <section aria-labelledby="matrix-h">
        <h2 id="matrix-h">{t('matrixHeading')}</h2>
        {/* focusable, so the table can be scrolled sideways by keyboard */}
        <div className="matrix-wrap" tabIndex={0}>
          <table className="matrix">
            <caption>{t('matrixCaption', cols.length, topSites.length)}</caption>
            <thead>
              <tr>
                <td />
                {cols.map((c) => (
                  <th key={c.company} scope="col">
                    <span>{c.company}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {topSites.map((s) => (
                <tr key={s}>
                  <th scope="row">
                    <a href={siteHref(s)}>{s}</a>
                  </th>
                  {cols.map((c) => {
                    const yes = seen.get(c.company)!.has(s);
                    return (
                      <td key={c.company} className={yes ? 'yes' : 'no'}>
                        <span aria-hidden="true">{yes ? '●' : ''}</span>
                        <span className="sr-only">{yes ? t('matrixYes') : t('matrixNo')}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
