// Loading autoconsent only where it can find something: the hint selectors are built from
// autoconsent's own rules and code-based CMPs, and the background picks site rules by URL.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import compact from '@duckduckgo/autoconsent/rules/compact-rules.json';
import { rulesForFrame, urlHasConsentRule } from '../../src/background/consent-rules';
import { buildCmpHints, closeOpen, CODE_CMP_HINTS, groupHints, outerCompound, selectorList } from '../../src/observe/consent/hints-build';
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

  it('groups the hints for a cheap check without losing one: those under an id are looked up by it, the rest stay a union', () => {
    expect(selectorList('#a .b, .c[x="1,2"], d:is(e, f)')).toEqual(['#a .b', '.c[x="1,2"]', 'd:is(e, f)']);
    expect(outerCompound('#cookie-bar .cb-enable')).toBe('#cookie-bar');
    expect(outerCompound('body > div[class*="admiral" i]')).toBe('div[class*="admiral" i]');
    expect(outerCompound('div:has(> p > a[href="x"]) span')).toBe('div:has(> p > a[href="x"])');
    const g = groupHints(['#a', '#b .c', 'iframe#d', '.e', '#f, .g', 'div[id="h i"]']);
    expect(g.byId).toEqual([['a', '#a'], ['b', '#b .c'], ['d', 'iframe#d'], ['f', '#f']]);
    expect(g.rest).toEqual(['.e', '.g', 'div[id="h i"]']);
    // the built hints: every selector of every list is in one group or the other
    const parts = hints.selectors.flatMap(selectorList);
    const grouped = new Set([...hints.byId.map(([, s]) => s), ...hints.rest]);
    expect(parts.every((p) => grouped.has(p))).toBe(true);
    for (const [id, sel] of hints.byId) expect(outerCompound(sel)).toMatch(new RegExp(`^[a-z0-9-]*#${id}(?![\\w-])`, 'i'));
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
