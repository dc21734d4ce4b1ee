// Everything the audit prints is stripped of terminal escapes, C1 controls and bidi overrides: page
// text, chat launcher labels, probe errors and the URLs it was given are all hostile.
import { describe, expect, it } from 'vitest';
import { formatDiff, diffReports } from '../../../src/cli/diff';
import { summarise } from '../../../src/cli/output';
import { Progress, summaryTable } from '../../../src/cli/progress';
import { jsonForTerminal, safeLine, safeText } from '../../../src/cli/safe-text';
import { GA, report } from './reports';

// clear the screen, set the window title, write the clipboard (OSC 52), 8-bit CSI, RTL override, isolate
const HOSTILE = 'Free\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;ZWNobyBoaQ==\u0007 gift\u009b31m \u202Egnp.exe\u202C \u2066x\u2069';
const BAD = /[\u001b\u0007\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('printed text', () => {
  it('drops ESC, BEL, C1 controls and bidi overrides, keeps the words', () => {
    expect(safeText(HOSTILE)).not.toMatch(BAD);
    expect(safeText(HOSTILE)).toContain('Free');
    expect(safeText(HOSTILE)).toContain('gnp.exe');
    expect(safeText('two\nlines\tand tab')).toBe('two\nlines\tand tab');
    expect(safeLine('forged\n✓ line')).toBe('forged ✓ line');
    expect(safeText('Prix: 12,50 € — naïve 日本')).toBe('Prix: 12,50 € — naïve 日本');
  });

  it('a report summary, the progress lines and the final table print no hostile character', () => {
    const r = report('https://shop.example/', [{ ...GA, vendor: HOSTILE, title: `${HOSTILE}\n✓ All good` }]);
    const s = summarise(r);
    expect(s).not.toMatch(BAD);
    expect(s).toContain('gnp.exe');
    // a page title cannot forge a line of its own in the summary
    expect(s.split('\n').filter((l) => l.trim().startsWith('✓ All good'))).toEqual([]);
    const url = `https://shop.example/${HOSTILE}`;
    expect(summarise({ url, error: `probe failed: ${HOSTILE}` })).not.toMatch(BAD);
    let out = '';
    const p = new Progress(1, { write: (t: string) => (out += t) });
    p.log(`open-chat: opening "${HOSTILE}" on ${url}`);
    p.tick({ url, error: HOSTILE }, url);
    expect(out).not.toMatch(BAD);
    expect(out).toContain('open-chat: opening');
    expect(summaryTable([url, url], [r, { url, error: HOSTILE }])).not.toMatch(BAD);
  });

  it('the progress bar keeps its own redraw sequence on a terminal', () => {
    let out = '';
    const p = new Progress(2, { write: (t: string) => (out += t), isTTY: true, columns: 80 });
    p.tick(report('https://shop.example/', []), 'https://shop.example/');
    expect(out).toContain('\u001b[K');
  });

  it('diff output for people is clean too', () => {
    const a = report('https://shop.example/', []);
    const b = report('https://shop.example/', [{ ...GA, vendor: HOSTILE, company: HOSTILE }]);
    expect(formatDiff(diffReports(a, b), { a: `a${HOSTILE}.json`, b: 'b.json' })).not.toMatch(BAD);
  });

  it('JSON keeps the same data, with C1 and bidi characters escaped', () => {
    const json = jsonForTerminal(JSON.stringify({ t: HOSTILE }));
    expect(json).not.toMatch(BAD);
    expect(JSON.parse(json)).toEqual({ t: HOSTILE });
  });
});
