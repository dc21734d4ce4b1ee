// Fairness panel: this product's price history on this site (kept only in this browser), any change,
// and the clean-visit comparison on request. The history is a tiny inline SVG rather than chart.js:
// a popup opened on every click should stay light (chart.js would add ~200 kB), and SVG carries a
// <title> a screen reader can read, where a canvas is a blank box.
import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { CleanCheckResult } from '../../model/messages';
import { money } from '../../report/kinds/fairness';
import type { CleanCheckRow, PriceRow } from '../../storage/db';
import { getRow, readStores, rowsByIndex } from '../../storage/stored';
import { useStored } from '../useStored';
import type { PanelProps, ReportPanel } from './types';
import './price-panel.css';

const W = 220;
const H = 44;

export function Sparkline({ rows }: { rows: readonly PriceRow[] }) {
  if (rows.length < 2) return null;
  const prices = rows.map((r) => r.price);
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  const span = max - min || 1;
  const x = (i: number) => 4 + (i * (W - 8)) / (rows.length - 1);
  const y = (p: number) => H - 6 - ((p - min) / span) * (H - 12);
  const pts = rows.map((r, i) => `${x(i).toFixed(1)},${y(r.price).toFixed(1)}`).join(' ');
  const label = `Price history: ${rows.map((r) => `${money(r.price, r.currency)} on ${new Date(r.at).toISOString().slice(0, 10)}`).join(', ')}`;
  return (
    <svg className="sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <title>{label}</title>
      <polyline points={pts} fill="none" stroke="currentColor" strokeWidth="2" />
      {rows.map((r, i) => (
        <circle key={r.id} cx={x(i)} cy={y(r.price)} r="2.5" fill="currentColor" />
      ))}
    </svg>
  );
}

function CleanCheck({ tabId, visitId }: { tabId: number | null; visitId: string }) {
  const stored = useStored(
    ['cleanChecks'],
    async (db): Promise<CleanCheckResult | undefined> => (db ? (await readStores(db, ['cleanChecks'], (s) => getRow<CleanCheckRow>(s('cleanChecks'), visitId)))?.result : undefined),
    [visitId],
  );
  const [running, setRunning] = useState(false);
  const [error, setError] = useState('');
  const run = async () => {
    if (tabId === null) return;
    setRunning(true);
    setError('');
    try {
      await browser.runtime.sendMessage({ type: 'prices/clean-check', tabId });
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="clean-check">
      <button onClick={() => void run()} disabled={running || tabId === null}>
        {running ? 'Checking…' : stored ? 'Check again with a clean visit' : 'Compare with a clean visit'}
      </button>
      <p className="note">
        This makes one extra visit to the site: the page is requested twice without your cookies, so that prices which
        move by themselves can be told apart from yours. Candor sends nothing else.
      </p>
      {(stored || error) && (
        <p className={`clean-result ${stored?.verdict ?? 'none'}`} role="status">
          {error || stored?.message}
        </p>
      )}
    </div>
  );
}

function PricePanelView({ report, visitId, tabId }: PanelProps) {
  const rows = useStored(['prices'], async (db) => {
    const all = db ? await readStores(db, ['prices'], (s) => rowsByIndex<PriceRow>(s('prices'), 'site', report.site)) : [];
    const mine = all.filter((r) => r.visitId === visitId).sort((a, b) => a.at - b.at).pop();
    if (!mine) return { mine: null, history: [] as PriceRow[] };
    return { mine, history: all.filter((r) => r.productKey === mine.productKey).sort((a, b) => a.at - b.at) };
  }, [report.site, visitId]);
  if (!rows?.mine) return null;
  const { mine, history } = rows;
  const prev = history.length > 1 ? history[history.length - 2] : undefined;
  return (
    <section className="panel price-panel" aria-label="Price history">
      <h3>{mine.product || 'This product'}</h3>
      <p className="price-now">
        Your price now: <strong>{money(mine.price, mine.currency)}</strong>
        {prev && prev.price !== mine.price && (
          <span className="price-change">
            {' '}
            (was {money(prev.price, prev.currency)} on {new Date(prev.at).toISOString().slice(0, 10)})
          </span>
        )}
      </p>
      {history.length > 1 ? (
        <>
          <Sparkline rows={history} />
          <ol className="price-history">
            {history.slice(-5).map((r) => (
              <li key={r.id}>
                {new Date(r.at).toISOString().slice(0, 16).replace('T', ' ')} — {money(r.price, r.currency)}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="note">First time Candor sees this product. Its price history stays in this browser.</p>
      )}
      <CleanCheck tabId={tabId} visitId={visitId} />
    </section>
  );
}

export const pricePanel: ReportPanel = {
  id: 'price-history',
  principle: 'fairness',
  // the component itself renders nothing when the page showed no product price
  show: () => true,
  Component: PricePanelView,
};
