// --browser: which browser drives the extension. Chromium stays the default; anything else is a
// usage error that lists the choices.
import { describe, expect, it } from 'vitest';
import { parseArgs, usage, UsageError } from '../../../src/cli/args';
import { explainError } from '../../../src/cli/visit';

const noFile = () => {
  throw new Error('ENOENT');
};

describe('--browser', () => {
  it('defaults to chromium, so existing audits run as before', () => {
    expect(parseArgs(['u'], noFile, []).browser).toBe('chromium');
  });

  it('takes firefox, as a value or after =', () => {
    expect(parseArgs(['--browser', 'firefox', 'u'], noFile, []).browser).toBe('firefox');
    expect(parseArgs(['--browser=chromium', 'u'], noFile, []).browser).toBe('chromium');
  });

  it.each([['safari'], ['Firefox'], ['']])('refuses %j and names the browsers it knows', (v) => {
    expect(() => parseArgs([`--browser=${v}`, 'u'], noFile, [])).toThrow(UsageError);
    expect(() => parseArgs([`--browser=${v}`, 'u'], noFile, [])).toThrow('--browser takes chromium or firefox');
  });

  it('is in --help with how to install Firefox', () => {
    expect(usage([])).toMatch(/--browser chromium\|firefox[\s\S]*apt-get install -y firefox-esr/);
  });
});

describe("Firefox's errors in plain words", () => {
  it.each([
    ['NS_ERROR_UNKNOWN_HOST at http://nowhere.test/', 'the host name could not be found (DNS)'],
    ['NS_ERROR_UNKNOWN_PROXY_HOST', 'the host name could not be found (DNS)'],
    ['NS_ERROR_CONNECTION_REFUSED', 'the server refused the connection'],
    ['MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'use --insecure'],
    ['SSL_ERROR_BAD_CERT_DOMAIN', 'does not match the host'],
    ['Navigation timeout of 30000 ms exceeded', 'did not finish loading in time'],
  ])('%s → %s', (m, words) => {
    expect(explainError(new Error(m))).toContain(words);
  });

  it('still explains Chromium’s', () => {
    expect(explainError(new Error('net::ERR_NAME_NOT_RESOLVED at http://x/'))).toBe('could not load the page: the host name could not be found (DNS)');
  });
});

describe('finding Firefox', () => {
  it('uses FIREFOX_PATH when it exists, else Debian’s firefox-esr', async () => {
    const { findFirefox } = await import('../../../src/cli/firefox/find-firefox');
    expect(findFirefox({ FIREFOX_PATH: '/opt/ff/firefox' }, (p) => p === '/opt/ff/firefox')).toBe('/opt/ff/firefox');
    expect(findFirefox({}, (p) => p === '/usr/bin/firefox-esr')).toBe('/usr/bin/firefox-esr');
  });

  it('says how to install it when there is none, and does not drive another when FIREFOX_PATH is wrong', async () => {
    const { findFirefox } = await import('../../../src/cli/firefox/find-firefox');
    const { NoBrowserError } = await import('../../../src/cli/find-browser');
    expect(() => findFirefox({}, () => false)).toThrow(NoBrowserError);
    expect(() => findFirefox({}, () => false)).toThrow(/apt-get install -y firefox-esr[\s\S]*FIREFOX_PATH/);
    expect(() => findFirefox({ FIREFOX_PATH: '/nope' }, (p) => p !== '/nope')).toThrow('No Firefox at FIREFOX_PATH=/nope');
  });
});
