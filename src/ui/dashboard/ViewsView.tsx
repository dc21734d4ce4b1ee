// Customer views: opens a views.json written by `npm run audit -- views --out DIR` (file picker or
// drop) and shows it side by side as views.html does: the differences first, highlighted, then one
// column per view. The file is checked against the contract before anything is shown; it is held in
// this page only (nothing is stored), and all its text is page text: React escapes it, nothing in it
// becomes a link or markup.
import { type DragEvent, useState } from 'react';
import { PRINCIPLES } from '../../model/finding';
import { parseViewsFile, ViewsFileError, type ViewsFile } from '../../model/views';
import { t } from '../i18n';

const MAX_BYTES = 50 * 1024 * 1024;

export function ViewsView() {
  const [file, setFile] = useState<{ name: string; views: ViewsFile } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const open = async (f: File | undefined) => {
    if (!f) return;
    try {
      if (f.size > MAX_BYTES) throw new ViewsFileError(t('viewsTooBig'));
      setFile({ name: f.name, views: parseViewsFile(await f.text()) });
      setError(null);
    } catch (e) {
      setFile(null);
      setError(t('viewsFailed', e instanceof ViewsFileError ? e.message : String((e as Error)?.message ?? e)));
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files?.[0]);
  };

  return (
    <section aria-labelledby="views-h">
      <h2 id="views-h">{t('viewsHeading')}</h2>
      <p className="help">{t('viewsIntro')}</p>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        data-testid="views-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor="views-file">{t('viewsOpenLabel')}</label>{' '}
        <input id="views-file" type="file" accept=".json,application/json" aria-describedby="views-help" onChange={(e) => void open(e.target.files?.[0]).then(() => (e.target.value = ''))} />
        <p id="views-help" className="help">
          {t('viewsDropHelp')}
        </p>
      </div>
      {error && (
        <p className="error-msg" role="alert" data-testid="views-error">
          {error}
        </p>
      )}
      {file && <ViewsShown name={file.name} f={file.views} />}
    </section>
  );
}

function ViewsShown({ name, f }: { name: string; f: ViewsFile }) {
  const names = f.views.map((v) => v.name);
  const base = names[0]!;
  return (
    <div className="views-shown" data-testid="views-shown">
      <p>
        {t('viewsOf')} <code className="url">{f.url}</code> <span className="muted">· {name} · {f.generatedAt}</span>
      </p>
      <h3 id="views-diff-h">{t('viewsDifferences', f.differences.length)}</h3>
      {f.differences.length === 0 ? (
        <p data-testid="views-none">{f.views[0]?.ok ? t('viewsNone') : t('viewsNoBaseline')}</p>
      ) : (
        <div className="views-table-wrap" role="region" aria-labelledby="views-diff-h" tabIndex={0}>
          <table className="views-table">
            <thead>
              <tr>
                <th scope="col">{t('viewsTopic')}</th>
                <th scope="col">{t('viewsSubject')}</th>
                {names.map((n) => (
                  <th scope="col" key={n}>
                    {n}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {f.differences.map((d, i) => (
                <tr key={i} data-testid="views-difference">
                  <td>{d.topic}</td>
                  <td>
                    {d.subject}
                    {d.evidence.length > 0 && (
                      <ul className="views-evidence">
                        {d.evidence.map((e, j) => (
                          <li key={j}>
                            {e.view}: {e.detail}
                            {e.url && (
                              <>
                                {' '}
                                <code>{e.url}</code>
                              </>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  {names.map((n) => {
                    const v = d.values[n];
                    if (v !== undefined) {
                      return (
                        <td key={n} className={n === base ? 'base' : 'diff'}>
                          {v}
                        </td>
                      );
                    }
                    const ok = f.views.find((x) => x.name === n)?.ok;
                    return (
                      <td key={n} className="same">
                        {ok ? t('viewsSameAs', base) : t('viewsNotTaken')}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 id="views-cols-h">{t('viewsSideBySide')}</h3>
      {/* scrolls sideways with many views: focusable, so a keyboard can scroll it too */}
      <div className="views-columns" role="region" aria-labelledby="views-cols-h" tabIndex={0}>
        {f.views.map((v) => (
          <section key={v.name} className={`view-col${v.ok ? '' : ' failed'}`} aria-label={v.name} data-testid="view-column">
            <h4>{v.name}</h4>
            {!v.ok || !v.report ? (
              <p className="error-msg">{t('viewsFailedView', v.error ?? '')}</p>
            ) : (
              <>
                <p>
                  <span className="view-grade">{t('viewsGrade', v.report.grade)}</span>
                </p>
                <ul className="view-scores">
                  {PRINCIPLES.map((p) => (
                    <li key={p}>
                      {p}: {v.report!.principles[p]?.assessed === false ? '–' : v.report!.principles[p]?.score}
                    </li>
                  ))}
                </ul>
                <ul className="view-findings">
                  {v.report.findings.slice(0, 60).map((x, i) => (
                    <li key={i}>{x.title}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        ))}
      </div>
      <p className="help">{t('viewsScreenshotsNote')}</p>
    </div>
  );
}
