// Where to exercise your rights: the links found on the page, and a data-access or deletion request
// drafted by the background for the site's privacy contact. Nothing is sent: copy it or open it in
// your mail program.
import { useState } from 'react';
import type { DataRequestDraft, DataRequestKind, DataRequestLaw } from '../../model/consent-messages';
import { ask } from '../ask';
import type { PanelProps, ReportPanel } from './types';

/** page-derived hrefs are hostile: only web and mail links become clickable */
function safeHref(h: unknown): string | null {
  return typeof h === 'string' && /^(https?:|mailto:)/i.test(h) ? h : null;
}

function RightsActions({ report, tabId }: PanelProps) {
  const [request, setRequest] = useState<DataRequestKind>('access');
  const [law, setLaw] = useState<DataRequestLaw>('gdpr');
  const [draft, setDraft] = useState<DataRequestDraft | null>(null);
  const [note, setNote] = useState('');
  const links = report.findings.filter((f) => f.kind === 'rights-link');

  async function make() {
    if (tabId === null) return;
    const r = await ask({ type: 'rights/draft', tabId, request, law });
    setDraft(r.draft);
    setNote(r.draft ? r.draft.note : 'No page is open in this tab.');
  }

  return (
    <section className="panel rights-panel" aria-label="Your data rights on this site">
      {links.length > 0 && (
        <ul className="rights-links">
          {links.map((f, i) => {
            const href = safeHref(f.details.href);
            const label = String(f.details.text || f.details.type);
            return (
              <li key={i} data-type={String(f.details.type)}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {label}
                  </a>
                ) : (
                  label
                )}
              </li>
            );
          })}
        </ul>
      )}
      {tabId !== null && (
        <div className="draft">
          <h3>Ask {report.site} for your data</h3>
          <p className="row">
            <select aria-label="Request" value={request} onChange={(e) => setRequest(e.target.value as DataRequestKind)}>
              <option value="access">See my data</option>
              <option value="deletion">Delete my data</option>
            </select>
            <select aria-label="Law" value={law} onChange={(e) => setLaw(e.target.value as DataRequestLaw)}>
              <option value="gdpr">GDPR (EU, UK)</option>
              <option value="ccpa">CCPA (California)</option>
            </select>
            <button onClick={() => void make()}>Draft the request</button>
          </p>
          {draft && (
            <div className="draft-body">
              <p>
                <strong>To: </strong>
                <span className="draft-to">{draft.to || '(no address found)'}</span>
              </p>
              <p>
                <strong>Subject: </strong>
                <span className="draft-subject">{draft.subject}</span>
              </p>
              <textarea readOnly aria-label="Request text" rows={10} value={draft.body} />
              <p className="row">
                <button onClick={() => void navigator.clipboard.writeText(`${draft.subject}\n\n${draft.body}`).then(() => setNote('Copied. Paste it into an e-mail to the site.'))}>Copy</button>
                <a className="mailto" href={draft.mailto}>
                  Open in my mail program
                </a>
              </p>
            </div>
          )}
          <p className="status" role="status">
            {note || 'Candor prepares the text; it never sends anything.'}
          </p>
        </div>
      )}
    </section>
  );
}

export const rightsPanel: ReportPanel = {
  id: 'rights-actions',
  principle: 'rights',
  show: () => true,
  Component: RightsActions,
};
