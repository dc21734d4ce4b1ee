// The parity table is documented once for readers (docs/firefox.md) and once as data the parity tests
// assert (tests/e2e/parity/differences.ts): the two must say the same, row for row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARITY_DIFFERENCES, type Difference } from '../e2e/parity/differences';

const LACKING: Record<string, string> = { webgl: 'WebGL' };

/** A row of the table as docs/firefox.md writes it. */
export function docRow(d: Difference): string {
  const when = d.whenLacking ? ` (the row applies only where ${d.only === 'chromium' ? 'Firefox' : 'Chromium'} lacks ${LACKING[d.whenLacking] ?? d.whenLacking})` : '';
  return `| ${d.sites.join(', ')} | \`${d.finding.replace(/\|/g, '\\|')}\` | ${d.only} | ${d.cause}${when} |`;
}

describe('the parity table', () => {
  const doc = readFileSync(join(__dirname, '../../docs/firefox.md'), 'utf8');
  const table = doc.slice(doc.indexOf('| sites | finding | only in | cause |'));
  const rows = table.split('\n').slice(2).filter((l) => l.startsWith('|'));

  it('is in docs/firefox.md exactly as the parity tests assert it', () => {
    expect(rows).toEqual(PARITY_DIFFERENCES.map(docRow));
  });

  it('gives every row a cause and one browser', () => {
    for (const d of PARITY_DIFFERENCES) {
      expect(d.cause.length, d.finding).toBeGreaterThan(40);
      expect(['chromium', 'firefox']).toContain(d.only);
      expect(d.sites.length).toBeGreaterThan(0);
    }
  });
});
