// Loading autoconsent only where it can find something: the hint selectors are built from
// autoconsent's own rules and code-based CMPs, and the background picks site rules by URL.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import compact from '@duckduckgo/autoconsent/rules/compact-rules.json';
import { rulesForFrame, urlHasConsentRule } from '../../src/background/consent-rules';
import { buildCmpHints, closeOpen, CODE_CMP_HINTS } from '../../src/observe/consent/hints-build';
import { ROOT } from './helpers';

describe('consent platform hints', () => {
  const hints = buildCmpHints(compact as never);

  it('covers every CMP autoconsent detects in code, so a package upgrade cannot silently drop one', () => {
    const files = readdirSync(join(ROOT, 'node_modules/@duckduckgo/autoconsent/lib/cmps')).filter((f) => f.endsWith('.ts') && !['base.ts', 'all.ts'].includes(f));
    expect(Object.keys(CODE_CMP_HINTS).sort()).toEqual(files.sort());
  });

  it('holds the detection selectors of well-known rule-based CMPs and of the fixtures’ real CMPs', () => {
    for (const s of ['#cc-main', '#didomi-host', '#usercentrics-button', '#iubenda-cs-banner', '.cky-consent-container', '#onetrust-banner-sdk', '.klaro']) {
      expect(hints.selectors).toContain(s);
    }
    // almost every generic rule reduces to a selector; the rest are hinted by their loader script only
    expect(hints.unhinted.length).toBeLessThan(5);
  });

  it('closes what a rule leaves open, so one selector cannot break the union', () => {
    expect(closeOpen('a[href^="https://policies.google.com/technologies/cookies"')).toBe('a[href^="https://policies.google.com/technologies/cookies"]');
    expect(closeOpen('div:has(> p > a[href="x"]')).toBe('div:has(> p > a[href="x"])');
    expect(closeOpen('#a [data-x="]"]')).toBe('#a [data-x="]"]');
    expect(closeOpen('.ok')).toBe('.ok');
    expect(hints.selectors.every((s) => closeOpen(s) === s)).toBe(true);
  });
});

describe('site rules chosen by URL in the background', () => {
  it('a URL one of autoconsent’s site rules names loads it without a hint; any other does not', () => {
    expect(urlHasConsentRule('https://www.coasthotels.com/', false)).toBe(true);
    expect(urlHasConsentRule('https://www.tumblr.com/explore', true)).toBe(true);
    expect(urlHasConsentRule('https://news-a.test/', true)).toBe(false);
    expect(urlHasConsentRule('https://example.org/', false)).toBe(false);
  });

  it('a frame is sent only the rules that can run in it, not all ~800', () => {
    const total = (compact as { r: unknown[] }).r.length;
    const top = rulesForFrame('https://news-a.test/', true);
    const frame = rulesForFrame('https://ads.example/frame.html', false);
    expect(top.r.length).toBeLessThan(total / 3);
    expect(frame.r.length).toBeLessThan(30);
    expect(JSON.stringify(top).length).toBeLessThan(JSON.stringify(compact).length / 2);
  });
});
