import { describe, expect, it } from 'vitest';
import { defaultConcurrency, parseArgs, usage, UsageError } from '../../../src/cli/args';

const noFile = () => {
  throw new Error('ENOENT');
};

describe('audit arguments', () => {
  it('keeps the docs/report.md flags and their meaning', () => {
    const a = parseArgs(['--json', '--out', 'o', '--insecure', '--profile=p', '--wait', '100', '--interact', '--host-resolver-rules', 'MAP * 1.2.3.4', 'https://a.example/'], noFile, []);
    expect(a).toMatchObject({ json: true, out: 'o', insecure: true, profile: 'p', wait: 100, interact: true, hostResolverRules: 'MAP * 1.2.3.4', urls: ['https://a.example/'] });
  });

  it('reads --urls files after the URLs given as arguments, skipping blanks and comments', () => {
    const a = parseArgs(['https://first.example/', '--urls', 'list.txt'], () => '# sites\nhttps://b.example/\r\n\n  https://c.example/  \n', []);
    expect(a.urls).toEqual(['https://first.example/', 'https://b.example/', 'https://c.example/']);
  });

  it('parses the scale options', () => {
    const a = parseArgs(['--concurrency', '3', '--pages=2', '--timeout', '5000', '--retries', '0', '--shard', '2/4', '--out', 'd', '--force', '--no-progress', 'u'], noFile, []);
    expect(a).toMatchObject({ concurrency: 3, pages: 2, timeout: 5000, retries: 0, shard: { index: 2, total: 4 }, force: true, progress: false });
  });

  it('has defaults that keep a plain audit as it was', () => {
    const a = parseArgs(['u'], noFile, []);
    expect(a).toMatchObject({ pages: 0, retries: 1, force: false, disabledProbes: [], progress: true });
    expect(a.concurrency).toBeUndefined();
    expect(a.shard).toBeUndefined();
  });

  it.each([
    [['--concurrency', '0', 'u'], '--concurrency takes a whole number ≥ 1'],
    [['--pages', '-1', 'u'], '--pages takes a whole number ≥ 0'],
    [['--pages', '1.5', 'u'], '--pages takes a whole number'],
    [['--shard', '0/3', 'u'], '--shard takes I/N'],
    [['--shard', '4/3', 'u'], '--shard takes I/N'],
    [['--shard', 'two', 'u'], '--shard takes I/N'],
    [['--wait', 'soon', 'u'], '--wait takes milliseconds'],
    [['--force', 'u'], '--force only makes sense with --out'],
    [['--bogus', 'u'], 'unknown option --bogus'],
    [['--json'], 'no URL given'],
    [['--out'], '--out needs a value'],
  ])('rejects %j with a usage error', (argv, msg) => {
    expect(() => parseArgs(argv, noFile, [])).toThrow(UsageError);
    expect(() => parseArgs(argv, noFile, [])).toThrow(msg);
  });

  it('switches probes off one by one, and only known ones', () => {
    const names = ['canary-typing', 'chat-greeting', 'consent-reject'];
    const a = parseArgs(['--interact', '--no-probe-chat-greeting', '--no-probe-consent-reject', 'u'], noFile, names);
    expect(a.disabledProbes).toEqual(['chat-greeting', 'consent-reject']);
    expect(() => parseArgs(['--no-probe-typo', 'u'], noFile, names)).toThrow('unknown probe "typo"');
  });

  it('lists every registered probe in --help', () => {
    const text = usage([
      { name: 'canary-typing', description: 'types canary values' },
      { name: 'chat-greeting', description: 'opens the chat' },
    ]);
    expect(text).toContain('--no-probe-canary-typing');
    expect(text).toContain('--no-probe-chat-greeting');
    expect(text).toContain('--shard I/N');
    expect(text).toMatch(/Exit status: 0 all audited · 2 usage error · 3 some URLs failed/);
  });

  it('chooses one browser per two cores, at least one', () => {
    expect(defaultConcurrency(1)).toBe(1);
    expect(defaultConcurrency(2)).toBe(1);
    expect(defaultConcurrency(8)).toBe(4);
    expect(defaultConcurrency(64)).toBe(8);
  });
});
