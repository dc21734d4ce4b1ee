import { describe, expect, it } from 'vitest';
import { parseCsv } from '../parse-csv';
import { CSV_COLUMNS, csvCell, findingsCsv } from '../../../src/cli/csv';
import { FB, GA, report } from './reports';


describe('findings.csv', () => {
  it('one finding a row, with a header, errors left out', () => {
    const csv = findingsCsv([
      { input: 'https://shop.example/', result: report('https://shop.example/', [GA, FB]) },
      { input: 'https://down.example/', result: { url: 'https://down.example/', error: 'could not load the page' } },
      { input: 'https://clean.example/', result: report('https://clean.example/', []) },
    ]);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as never);
    expect(rows.slice(1).map((r) => r[col('vendor')])).toEqual(['Google Analytics', 'Facebook']);
    expect(rows[1]![col('site')]).toBe('shop.example');
    expect(rows[1]![col('evidence_url')]).toBe('https://www.google-analytics.com/g/collect?v=2');
  });

  it('quotes commas, quotes and line breaks so page text cannot add columns or rows', () => {
    const hostile = 'Buy now, "50% off"\r\nsecond line';
    const r = report('https://shop.example/', [{ ...GA, vendor: hostile }]);
    const rows = parseCsv(findingsCsv([{ input: 'https://shop.example/', result: r }]));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(CSV_COLUMNS.length);
    expect(rows[1]![CSV_COLUMNS.indexOf('vendor')]).toBe(hostile);
  });

  it.each(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('defuses a formula: %j', (v) => {
    const cell = csvCell(v);
    const read = parseCsv(cell + '\r\n')[0]![0]!;
    expect(read.startsWith("'")).toBe(true);
    expect(read.slice(1)).toBe(v);
  });

  it.each([' =1+1', '\n=HYPERLINK("http://evil.example","x")', '\r\n  @SUM(A1)', '\u00a0\u3000+1', '\ufeff=1'])('defuses a formula behind leading blanks or line breaks: %j', (v) => {
    const read = parseCsv(csvCell(v) + '\r\n')[0]![0]!;
    expect(read).toBe(`'${v}`);
  });

  it('starts with a UTF-8 byte order mark, so spreadsheets show non-ASCII text as it is', () => {
    const r = report('https://shop.example/', [{ ...GA, vendor: 'Café Müller Analytics' }]);
    const bytes = Buffer.from(findingsCsv([{ input: 'https://shop.example/', result: r }]), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').startsWith('input,site,url')).toBe(true);
    expect(bytes.toString('utf8')).toContain('Café Müller Analytics');
  });

  it('leaves ordinary text and numbers as they are', () => {
    expect(csvCell(' plain text')).toBe('" plain text"');
    expect(csvCell('a - b = c')).toBe('a - b = c');
    expect(csvCell('Google Analytics')).toBe('Google Analytics');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(undefined)).toBe('');
  });
});
