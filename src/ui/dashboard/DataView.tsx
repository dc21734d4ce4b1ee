// Settings and the person's data: retention (default 90 days), private windows (off by default),
// export everything, import a JSON export (all or nothing, with a plain error), wipe everything.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '../../storage/db';
import { sweepExpired, wipeHistory } from '../../storage/history';
import { ImportError, importFile } from '../../storage/import';
import { getSettings, setSetting } from '../../storage/settings';
import { ask } from '../ask';
import { t } from '../i18n';
import { ExportButtons } from './ExportButtons';
import { useDashboardUi } from './store';

const RETENTION = [7, 30, 90, 180, 365];

export function DataView() {
  const db = getDb();
  const settings = useLiveQuery(() => getSettings(db), []);
  const counts = useLiveQuery(async () => ({ sites: await db.sites.count(), visits: await db.visits.count() }), []);
  const say = useDashboardUi((s) => s.say);
  const [importMsg, setImportMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirmWipe, setConfirmWipe] = useState(false);
  // shown at once on click; the live query confirms it from the database a moment later
  const [privateWindows, setPrivateWindows] = useState<boolean | null>(null);
  const [retention, setRetentionShown] = useState<number | null>(null);

  const setRetention = async (days: number) => {
    setRetentionShown(days);
    await setSetting(db, 'retentionDays', days);
    // Apply at once: a person who shortens retention expects the old history gone now, not tomorrow.
    const r = await sweepExpired(db, days);
    say(t('retentionSwept', r.visits, days));
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await importFile(db, file);
      setImportMsg({ ok: true, text: t('importDone', r.imported) });
    } catch (e) {
      const msg = e instanceof ImportError ? e.message : String((e as Error)?.message ?? e);
      setImportMsg({ ok: false, text: t('importFailed', msg) });
    }
  };

  return (
    <>
      <section aria-labelledby="settings-h">
        <h2 id="settings-h">{t('settingsHeading')}</h2>
        {settings && (
          <>
            <div className="field">
              <label htmlFor="retention">{t('retentionLabel')}</label>{' '}
              <select id="retention" value={retention ?? settings.retentionDays} onChange={(e) => void setRetention(Number(e.target.value))} aria-describedby="retention-help">
                {[...new Set([...RETENTION, settings.retentionDays])].sort((a, b) => a - b).map((d) => (
                  <option key={d} value={d}>
                    {t('retentionDays', d)}
                  </option>
                ))}
              </select>
              <p id="retention-help" className="help">
                {t('retentionHelp')}
              </p>
            </div>
            <div className="field">
              <input id="private" type="checkbox" checked={privateWindows ?? settings.privateWindows}
                onChange={(e) => {
                  setPrivateWindows(e.target.checked);
                  void setSetting(db, 'privateWindows', e.target.checked);
                }} aria-describedby="private-help" />{' '}
              <label htmlFor="private">{t('privateLabel')}</label>
              <p id="private-help" className="help">
                {t('privateHelp')}
              </p>
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="data-h">
        <h2 id="data-h">{t('dataHeading')}</h2>
        {counts && <p data-testid="data-summary">{t('dataSummary', counts.sites, counts.visits)}</p>}
        <h3>{t('exportAll')}</h3>
        <p className="help">{t('exportAllHelp')}</p>
        <ExportButtons label={t('exportAll')} />
        <h3>{t('importHeading')}</h3>
        <div className="field">
          <label htmlFor="import">{t('importLabel')}</label>{' '}
          <input id="import" type="file" accept=".json,application/json" aria-describedby="import-help" onChange={(e) => void onFile(e.target.files?.[0]).then(() => (e.target.value = ''))} />
          <p id="import-help" className="help">
            {t('importHelp')}
          </p>
          {importMsg && (
            <p className={importMsg.ok ? 'ok-msg' : 'error-msg'} role={importMsg.ok ? 'status' : 'alert'} data-testid="import-result">
              {importMsg.text}
            </p>
          )}
        </div>
        <h3>{t('wipe')}</h3>
        {confirmWipe ? (
          <div className="confirm" role="group" aria-label={t('wipe')}>
            <p>{t('wipeConfirm')}</p>
            <button
              className="btn danger"
              onClick={() =>
                void wipeHistory(db)
                  // open tabs: the worker forgets their visits and deletes what they were still writing
                  .then(() => ask({ type: 'history/deleted' }).catch(() => undefined))
                  .then(() => {
                  setConfirmWipe(false);
                  say(t('wipeDone'));
                })
              }
            >
              {t('yesDelete')}
            </button>{' '}
            <button className="btn" onClick={() => setConfirmWipe(false)}>
              {t('cancel')}
            </button>
          </div>
        ) : (
          <button className="btn danger" onClick={() => setConfirmWipe(true)}>
            {t('wipe')}
          </button>
        )}
      </section>
    </>
  );
}
