import { describe, expect, it } from 'vitest';
import { diffCommand } from '../../../src/cli/commands';
import { diffReports, formatDiff, reportFromText } from '../../../src/cli/diff';
import { UsageError } from '../../../src/cli/args';
import { AI_DISCLOSURE, FB, GA, HOTJAR, PRICE_CHANGE, report } from './reports';

describe('audit diff', () => {
  const before = report('https://shop.example/', [GA, AI_DISCLOSURE, PRICE_CHANGE(100, 110)]);
  const after = report('https://shop.example/', [GA, FB, HOTJAR, PRICE_CHANGE(100, 125)]);

  it('lists new and removed trackers, lost disclosures, score, grade and price changes', () => {
    const d = diffReports(before, after);
    expect(d.changed).toBe(true);
    expect(d.trackers.added.map((t) => t.vendor)).toEqual(['Facebook', 'Hotjar']);
    expect(d.trackers.removed).toEqual([]);
    expect(d.goodPractice.lost.map((f) => f.kind)).toEqual(['ai-disclosure']);
    expect(d.goodPractice.gained).toEqual([]);
    const privacy = d.scores.find((s) => s.principle === 'privacy')!;
    expect(privacy.before).toBe(before.principles.privacy.score);
    expect(privacy.after).toBeLessThan(privacy.before);
    expect(d.grade === null ? before.grade === after.grade : d.grade.before === before.grade && d.grade.after === after.grade).toBe(true);
    expect(d.prices.before[0]!.details.after).toBe(110);
    expect(d.prices.after[0]!.details.after).toBe(125);
  });

  it('counts a rights link or disclosure as good practice even when a build marks it as information', () => {
    const link = { ...AI_DISCLOSURE, kind: 'rights-link' as const, key: 'rights-link:privacy', assessment: 'info' as const, title: 'A privacy policy is linked' };
    const banner = { ...AI_DISCLOSURE, kind: 'consent-banner' as const, key: 'consent-banner:x', assessment: 'info' as const, title: 'A consent banner is shown' };
    const d = diffReports(report('https://shop.example/', [link]), report('https://shop.example/', [banner]));
    expect(d.goodPractice.lost.map((f) => f.title)).toEqual(['A privacy policy is linked']);
    expect(d.other.added.map((f) => f.title)).toEqual(['A consent banner is shown']);
    expect(d.concerns.added).toEqual([]);
  });

  it('reads the other way round as the opposite change', () => {
    const d = diffReports(after, before);
    expect(d.trackers.removed.map((t) => t.vendor)).toEqual(['Facebook', 'Hotjar']);
    expect(d.goodPractice.gained.map((f) => f.kind)).toEqual(['ai-disclosure']);
  });

  it('says "no change" for the same findings, even with other counts and times', () => {
    const again = report('https://shop.example/', [GA, AI_DISCLOSURE, PRICE_CHANGE(100, 110)], 7);
    const d = diffReports(before, { ...again, generatedAt: '2030-01-01T00:00:00.000Z' });
    expect(d.changed).toBe(false);
    expect(formatDiff(d, { a: 'a.json', b: 'b.json' })).toContain('No change');
  });

  it('prints a readable summary for a person', () => {
    const text = formatDiff(diffReports(before, after), { a: 'before.json', b: 'after.json' });
    expect(text).toContain('New trackers (2)');
    expect(text).toContain('+ Facebook is told about your visit');
    expect(text).toContain('Good practice lost');
    expect(text).toContain('- The chat says it is an AI assistant');
    expect(text).toMatch(/privacy\s+\d+ →\s+\d+\s+\(-\d+\)/);
    expect(text).toContain('Runner shoe: 100 → 125 EUR');
  });

  it('reads a report file, a --json array of one, or one reports.jsonl line; rejects anything else', () => {
    expect(reportFromText(JSON.stringify(before), 'a').site).toBe('shop.example');
    expect(reportFromText(JSON.stringify([{ url: 'x', error: 'no' }, before]), 'a').site).toBe('shop.example');
    expect(reportFromText(JSON.stringify({ ...before, input: 'u', visit: 1 }) + '\n', 'a').site).toBe('shop.example');
    expect(() => reportFromText(JSON.stringify([before, after]), 'a')).toThrow('holds 2 reports');
    expect(() => reportFromText('{"hello":1}', 'a')).toThrow('not a Candor site report');
    expect(() => reportFromText('not json\nat all', 'a')).toThrow('not a report');
  });

  it('as a command: --json on stdout, usage errors for wrong arguments', () => {
    let out = '';
    const files: Record<string, string> = { 'a.json': JSON.stringify(before), 'b.json': JSON.stringify(after) };
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, readFile: (p: string) => files[p] ?? (() => { throw new Error('ENOENT'); })() };
    expect(diffCommand(['a.json', 'b.json', '--json'], io)).toBe(0);
    expect(JSON.parse(out).trackers.added).toHaveLength(2);
    expect(() => diffCommand(['a.json'], io)).toThrow(UsageError);
    expect(() => diffCommand(['a.json', 'missing.json'], io)).toThrow('cannot read missing.json');
  });

  it('--fail-on worse exits 1 when the site got worse for visitors, 0 when it got better or stayed; --fail-on change on any change', () => {
    const files: Record<string, string> = { 'a.json': JSON.stringify(before), 'b.json': JSON.stringify(after) };
    const io = { stdout: { write: () => {} }, stderr: { write: () => {} }, readFile: (p: string) => files[p]! };
    expect(diffCommand(['a.json', 'b.json', '--fail-on', 'worse'], io)).toBe(1);
    expect(diffCommand(['b.json', 'a.json', '--fail-on=worse'], io)).toBe(0);
    expect(diffCommand(['b.json', 'a.json', '--fail-on', 'change'], io)).toBe(1);
    expect(diffCommand(['a.json', 'a.json', '--fail-on', 'change'], io)).toBe(0);
    expect(diffCommand(['a.json', 'b.json'], io)).toBe(0);
    expect(() => diffCommand(['a.json', 'b.json', '--fail-on', 'maybe'], io)).toThrow(UsageError);
  });
});
