// popup_render_ms (tests/bench/popup.ts) times the popup until every finding of a 200-finding visit
// is rendered, finding the report, the findings and the privacy principle's toggle by data-testid.
// If the popup's markup drifts from those selectors the figure silently becomes -1 (it did once,
// when the popup was rewritten): this keeps the two together.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildReport as buildSiteReport } from './build-report';
import { ReportView } from '../../src/ui/ReportView';
import { FINDING, FINDINGS, PRIVACY_TOGGLE, REPORT } from '../bench/popup';
import { trackerFindings, vendors } from '../bench/seed';
import { trackerIndex } from './helpers';

/** `[data-testid="x"]` → `data-testid="x"`: the attribute as it appears in the markup */
const attr = (sel: string) => sel.match(/\[(data-testid="[^"]+")\]$/)![1]!;

const at = 1_700_000_000_000;
const visit = { visitId: 'v', tabId: 1, url: 'https://clean.test/', site: 'clean.test', startedAt: at };

describe('the popup benchmark finds what the popup renders', () => {
  it(`seeds ${FINDINGS} distinct findings (one per vendor name), all stored`, () => {
    const vs = vendors(trackerIndex(), FINDINGS);
    expect(vs).toHaveLength(FINDINGS);
    expect(new Set(trackerFindings(vs, 'v', 'clean.test', at).map((f) => f.id)).size).toBe(FINDINGS);
  });

  it('shows the report with the privacy toggle closed, then every finding once it is opened', () => {
    const findings = trackerFindings(vendors(trackerIndex(), FINDINGS), 'v', 'clean.test', at);
    const report = buildSiteReport({ visit, findings, tool: { version: '0', browser: 'test' } });

    const closed = renderToStaticMarkup(<ReportView report={report} />);
    expect(closed).toContain(attr(REPORT));
    expect(closed.split(attr(FINDING)).length - 1).toBe(0);
    const privacy = closed.slice(closed.indexOf('data-principle="privacy"'));
    expect(privacy.slice(0, privacy.indexOf('</button>'))).toMatch(new RegExp(`${attr(PRIVACY_TOGGLE)}[^>]*aria-expanded="false"`));

    // opened (server rendering keeps the UI store's initial state, so every principle is opened the
    // dashboard's way): each finding is one element the timer counts
    const open = renderToStaticMarkup(<ReportView report={report} full />);
    expect(open.split(attr(FINDING)).length - 1).toBe(FINDINGS);
  });
});
