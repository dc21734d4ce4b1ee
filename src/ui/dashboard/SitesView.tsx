// Every site seen: searchable, sortable, virtualised (only the rows in view are in the DOM, so 10,000
// sites scroll as smoothly as 10). An ARIA table, so screen readers announce rows and sort order.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { companiesPerSite, filterSortSites, type SiteSortKey, siteListRows } from '../../report/history';
import { formatDate, type MsgKey, t } from '../i18n';
import { useDashboardUi } from './store';
import { type HistoryData, siteHref } from './useHistory';

const COLUMNS: { key: SiteSortKey; label: MsgKey; numeric: boolean }[] = [
  { key: 'site', label: 'colSite', numeric: false },
  { key: 'visits', label: 'colVisits', numeric: true },
  { key: 'companies', label: 'colCompanies', numeric: true },
  { key: 'lastSeen', label: 'colLastSeen', numeric: true },
];

const ROW_HEIGHT = 40;

export function SitesView({ data }: { data: HistoryData }) {
  const { query, sortKey, sortDir, setQuery, sortBy } = useDashboardUi(
    useShallow((s) => ({ query: s.query, sortKey: s.sortKey, sortDir: s.sortDir, setQuery: s.setQuery, sortBy: s.sortBy })),
  );
  const all = useMemo(() => siteListRows(data.sites, companiesPerSite(data.findings)), [data]);
  const rows = useMemo(() => filterSortSites(all, query, sortKey, sortDir), [all, query, sortKey, sortDir]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">{t('sitesHeading')}</h2>
      <div className="table-tools">
        <label htmlFor="site-search">{t('searchSites')}</label>
        <input id="site-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" spellCheck={false} />
        <span className="muted" role="status" data-testid="site-count">
          {t('sitesCount', rows.length, all.length)}
        </span>
      </div>
      {all.length === 0 ? (
        <p className="empty">{t('noSites')}</p>
      ) : (
        <div className="vtable" role="table" aria-labelledby="sites-h" aria-rowcount={rows.length + 1}>
          <div role="rowgroup">
            <div className="vrow vhead" role="row" aria-rowindex={1}>
              {COLUMNS.map((c) => (
                <div
                  key={c.key}
                  role="columnheader"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sortKey === c.key ? (sortDir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button className="sort" onClick={() => sortBy(c.key)} data-sort={c.key}>
                    {t(c.label)}
                    <span aria-hidden="true">{sortKey === c.key ? (sortDir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </div>
              ))}
            </div>
          </div>
          <div className="vbody" ref={scroller} role="rowgroup">
            {rows.length === 0 && <p className="empty">{t('noMatch')}</p>}
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }} role="presentation">
              {virtual.getVirtualItems().map((v) => {
                const r = rows[v.index]!;
                return (
                  <div
                    key={r.site}
                    className="vrow site-row"
                    data-testid="site-row"
                    role="row"
                    aria-rowindex={v.index + 2}
                    data-site={r.site}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  >
                    <div role="cell" className="site-cell">
                      <a href={siteHref(r.site)}>{r.site}</a>
                    </div>
                    <div role="cell" className="num">
                      {r.visits}
                    </div>
                    <div role="cell" className="num">
                      {r.companies}
                    </div>
                    <div role="cell" className="num">
                      {formatDate(r.lastSeen)}
                    </div>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
