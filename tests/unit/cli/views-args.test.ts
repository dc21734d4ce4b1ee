// `audit views` arguments: the views, their values, cookie files, and every usage error (exit 2)
// before any browser starts.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/args';
import { parseCookieFile } from '../../../src/cli/views/cookies';
import { parseViewsArgs, viewsCommand } from '../../../src/cli/views/command';
import { REGION_ZONES } from '../../../src/cli/views/region-zones';
import { parseViews } from '../../../src/cli/views/spec';
import { firefoxVisitorLaunch, visitorFor, visitorLaunch } from '../../../src/cli/views/visitor';

const NETSCAPE = ['# Netscape HTTP Cookie File', '', 'shop.example\tFALSE\t/\tFALSE\t0\tmember\tgold', '#HttpOnly_.shop.example\tTRUE\t/account\tTRUE\t1893456000\tsession\tabc123', ''].join('\n');
const files: Record<string, string> = {
  'loyal.txt': NETSCAPE,
  'loyal.json': JSON.stringify([{ name: 'member', value: 'gold', domain: '.shop.example', path: '/', expirationDate: 1893456000.5, hostOnly: false, httpOnly: true, secure: true, sameSite: 'no_restriction' }], null, 2),
  'bad.txt': ['# Netscape HTTP Cookie File', 'shop.example\tFALSE\t/\tFALSE\t0\tmember\tgold', 'shop.example FALSE / FALSE 0 broken spaces'].join('\n'),
  'bad.json': '[\n  { "name": "a", "value": "1", "domain": "shop.example" },\n  { "name": "b", "value": 2, "domain": "shop.example" }\n]',
  'broken.json': '[\n  { "name": "a",\n    "value": }\n]',
  'empty.txt': '# Netscape HTTP Cookie File\n',
};
const read = (p: string) => {
  const name = p.split('/').pop()!;
  if (!(name in files)) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
  return files[name]!;
};

describe('views', () => {
  it('default: new, returning, gpc, rejected, accepted', () => {
    expect(parseViews([], read).map((s) => s.name)).toEqual(['new', 'returning', 'gpc', 'rejected', 'accepted']);
  });

  it('the baseline is always taken, first; names are kept as given', () => {
    const specs = parseViews(['mobile,locale=de-de', 'from=https://compare.test/?q=a,b'], read);
    expect(specs.map((s) => [s.name, s.kind])).toEqual([
      ['new', 'new'],
      ['mobile', 'mobile'],
      ['locale=de-de', 'locale'],
      // a comma not followed by a view name belongs to the URL
      ['from=https://compare.test/?q=a,b', 'from'],
    ]);
    expect(specs[2]).toMatchObject({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    expect(parseViews(['gpc,new'], read).map((s) => s.name)).toEqual(['new', 'gpc']);
  });

  it('a locale brings the time zone most of its people live in', () => {
    const tz = (l: string) => parseViews([`locale=${l}`], read)[1]!.timezoneId;
    expect([tz('en-US'), tz('en-AU'), tz('pt-BR'), tz('fr-CA'), tz('ru-RU'), tz('ja-JP')]).toEqual(['America/New_York', 'Australia/Sydney', 'America/Sao_Paulo', 'America/Toronto', 'Europe/Moscow', 'Asia/Tokyo']);
  });

  it('every region maps to a time zone this runtime knows', () => {
    for (const [region, zone] of Object.entries(REGION_ZONES)) {
      expect(() => new Intl.DateTimeFormat('en', { timeZone: zone }), `${region} ${zone}`).not.toThrow();
    }
    expect(Object.keys(REGION_ZONES).length).toBeGreaterThan(240);
  });

  it.each([
    ['nope', /unknown view "nope"/],
    ['mobile=yes', /the view mobile takes no value/],
    ['locale=german', /locale takes a language and a region, xx-YY/],
    ['locale=de-ZZ', /no country is known by the region code ZZ/],
    ['locale=', /the view locale needs a value/],
    ['from=ftp://x.test/', /from takes an http\(s\) URL/],
    ['from=compare', /from takes the URL the visitor comes from/],
    ['new,,gpc', /an empty view/],
    ['gpc,gpc', /the view gpc is given twice/],
  ])('%s is a usage error that lists the views', (list, msg) => {
    let err: unknown;
    try {
      parseViews([list], read);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(msg);
    expect((err as Error).message).toContain('locale=xx-YY');
    expect((err as Error).message).toContain('cookies=FILE');
  });
});

describe('cookie files', () => {
  it('Netscape cookies.txt, HttpOnly lines included', () => {
    expect(parseCookieFile(NETSCAPE, 'loyal.txt')).toEqual([
      { name: 'member', value: 'gold', domain: 'shop.example', path: '/', expires: -1, httpOnly: false, secure: false, sameSite: 'Lax' },
      { name: 'session', value: 'abc123', domain: '.shop.example', path: '/account', expires: 1893456000, httpOnly: true, secure: true, sameSite: 'Lax' },
    ]);
  });

  it('a JSON array (Cookie-Editor export or Playwright cookies)', () => {
    expect(parseCookieFile(files['loyal.json']!, 'loyal.json')).toEqual([{ name: 'member', value: 'gold', domain: '.shop.example', path: '/', expires: 1893456000, httpOnly: true, secure: true, sameSite: 'None' }]);
    expect(parseCookieFile('[{"name":"a","value":"1","url":"https://shop.example/x"}]', 'p.json')[0]).toMatchObject({ domain: 'shop.example', path: '/', expires: -1 });
  });

  it.each([
    ['bad.txt', /cookie file bad\.txt, line 3: expected 7 tab-separated fields/],
    ['bad.json', /cookie file bad\.json, line 3: "value" must be a string/],
    ['broken.json', /cookie file broken\.json, line 3: not valid JSON/],
    ['empty.txt', /cookie file empty\.txt, line 1: no cookies in the file/],
    ['missing.txt', /cannot read the cookie file missing\.txt: ENOENT/],
  ])('%s: a usage error naming the file and the line', (file, msg) => {
    expect(() => parseViews([`cookies=${file}`], read)).toThrow(UsageError);
    expect(() => parseViews([`cookies=${file}`], read)).toThrow(msg);
  });

  it('refuses what a browser would refuse, with the line', () => {
    expect(() => parseCookieFile('shop.example\tFALSE\t/\tFALSE\t0\tbad name\tx', 'c.txt')).toThrow(/line 1: "bad name" is not a valid cookie name/);
    expect(() => parseCookieFile('shop.example\tFALSE\t/\tFALSE\tsoon\ta\tx', 'c.txt')).toThrow(/line 1: the expiry must be Unix seconds/);
    expect(() => parseCookieFile('shop.example\tMAYBE\t/\tFALSE\t0\ta\tx', 'c.txt')).toThrow(/line 1: the include-subdomains field must be TRUE or FALSE/);
    expect(() => parseCookieFile('[{"name":"a","value":"1","domain":"x.test","sameSite":"None"}]', 'c.json')).toThrow(/SameSite=None without Secure/);
    expect(() => parseCookieFile('{"name":"a"}', 'c.json')).toThrow(/line 1/);
  });
});

describe('the views command line', () => {
  it('takes the audit flags and the views', () => {
    const a = parseViewsArgs(['--views', 'mobile', '--views=gpc', '--json', '--wait', '300', '--concurrency', '3', 'https://shop.example/'], read);
    expect(a.specs.map((s) => s.name)).toEqual(['new', 'mobile', 'gpc']);
    expect(a.audit).toMatchObject({ json: true, wait: 300, concurrency: 3, urls: ['https://shop.example/'] });
  });

  it.each([
    [['--profile', 'p', 'https://a.test/'], /--profile does not go with views/],
    [['--shard', '1/2', 'https://a.test/'], /--shard does not go with views/],
    [['--views'], /--views needs a list/],
    [['--views', 'mobile'], /no URL given/],
  ])('%j is a usage error', (argv, msg) => {
    expect(() => parseViewsArgs(argv, read)).toThrow(msg);
  });

  it('exits 2 on a usage error, with the list of views on stderr and nothing on stdout', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, readFile: read };
    expect(await viewsCommand(['--views', 'tablet', 'https://a.test/'], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(/unknown view "tablet"[\s\S]*new\s+the baseline[\s\S]*from=URL/);
    err.length = 0;
    expect(await viewsCommand(['--views', 'cookies=bad.txt', 'https://a.test/'], io)).toBe(2);
    expect(err.join('')).toContain('cookie file bad.txt, line 3');
  });
});

describe('the visitor a view presents as', () => {
  it('a phone: Chrome on Android, a phone-sized touch screen', () => {
    const v = visitorLaunch(visitorFor({ name: 'mobile', kind: 'mobile' }), 156);
    expect(v.userAgent).toBe('Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36');
    expect(v.context).toMatchObject({ isMobile: true, hasTouch: true, viewport: { width: 412, height: 839 }, locale: 'en-US' });
  });

  it('a locale: its language for the browser and its pages, its time zone', () => {
    const v = visitorLaunch(visitorFor({ name: 'locale=de-DE', kind: 'locale', locale: 'de-DE', timezoneId: 'Europe/Berlin' }), 156);
    expect(v.args).toEqual(['--lang=de-DE']);
    expect(v.context).toEqual({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    expect(v.userAgent).toBeUndefined();
  });

  it('everyone else: the audit’s ordinary desktop browser in en-US', () => {
    expect(visitorLaunch(undefined, 156)).toEqual({ args: ['--lang=en-US'], userAgent: undefined, context: { locale: 'en-US' } });
    expect(visitorFor({ name: 'from=https://c.test/', kind: 'from', from: 'https://c.test/' })).toEqual({ referrer: 'https://c.test/' });
    expect(visitorFor({ name: 'gpc', kind: 'gpc' })).toEqual({ gpc: true });
  });

  it('in Firefox: Firefox for Android on a phone-sized touch screen, the language by preference, the time zone by TZ', () => {
    const phone = firefoxVisitorLaunch(visitorFor({ name: 'mobile', kind: 'mobile' }), 140);
    expect(phone.prefs['general.useragent.override']).toBe('Mozilla/5.0 (Android 14; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0');
    expect(phone.prefs['dom.maxtouchpoints.testing.value']).toBe(5);
    expect(phone.viewport).toEqual({ width: 412, height: 839, deviceScaleFactor: 2.625 });
    const de = firefoxVisitorLaunch(visitorFor({ name: 'locale=de-DE', kind: 'locale', locale: 'de-DE', timezoneId: 'Europe/Berlin' }), 140);
    expect(de.prefs).toMatchObject({ 'intl.accept_languages': 'de-DE, de', 'intl.locale.requested': 'de-DE' });
    expect(de.env).toEqual({ TZ: 'Europe/Berlin' });
    expect(de.viewport).toBeNull();
    const plain = firefoxVisitorLaunch(undefined, 140);
    expect(plain.prefs['intl.accept_languages']).toBe('en-US, en');
    expect(plain.prefs['general.useragent.override']).toBeUndefined();
    expect(plain.env).toEqual({});
  });
});

describe('views in Firefox', () => {
  it('every view but a referrer goes with --browser firefox; from= is a usage error that says why', () => {
    expect(parseViewsArgs(['--browser', 'firefox', '--views', 'returning,gpc,rejected,accepted,mobile,locale=de-DE,cookies=loyal.txt', 'https://a.test/'], read).specs).toHaveLength(8);
    expect(() => parseViewsArgs(['--browser', 'firefox', '--views', 'mobile,from=https://c.test/', 'https://a.test/'], read)).toThrow(
      new UsageError('the view from=https://c.test/ cannot be taken in Firefox: its automation protocol navigates without a referrer. Take it without --browser firefox (Chromium)'),
    );
    expect(parseViewsArgs(['--views', 'from=https://c.test/', 'https://a.test/'], read).specs.map((s) => s.name)).toEqual(['new', 'from=https://c.test/']);
  });
});
