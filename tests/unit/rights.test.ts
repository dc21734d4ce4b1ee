// Rights links from the `links` DOM section, in several languages, findability, the privacy contact,
// and the data-request draft addressed to it.
import { describe, expect, it } from 'vitest';
import { draftDataRequest } from '../../src/actions/data-request';
import { classifyLink, privacyEmail, rightsDetector } from '../../src/detectors/rights';
import type { DomSnapshot } from '../../src/model/observations';
import type { LinkInfo } from '../../src/observe/dom/links';
import { ctxFor } from './helpers';

const L = (text: string, href = 'https://site.example/x', more: Partial<LinkInfo> = {}): LinkInfo => ({ href, text, label: '', inFooter: true, visible: true, ...more });
const snap = (links: LinkInfo[], isTop = true): DomSnapshot => ({ url: 'https://site.example/', isTop, title: '', lang: 'en', scripts: [], iframes: [], sections: { links }, at: 1 });
const ctx = ctxFor('https://site.example/');

describe('classifyLink', () => {
  it.each([
    ['Privacy Policy', 'privacy-policy'],
    ['Datenschutzerklärung', 'privacy-policy'],
    ['Politique de confidentialité', 'privacy-policy'],
    ['Política de privacidad', 'privacy-policy'],
    ['Do Not Sell or Share My Personal Information', 'do-not-sell'],
    ['Your Privacy Choices', 'do-not-sell'],
    ['Limit the Use of My Sensitive Personal Information', 'do-not-sell'],
    ['Submit a data subject request', 'data-request'],
    ['Cookie settings', 'cookie-settings'],
    ['Cookie-Einstellungen', 'cookie-settings'],
    ['Paramètres des cookies', 'cookie-settings'],
  ])('%s → %s', (text, type) => {
    expect(classifyLink(L(text))).toBe(type);
  });

  it('by address when the text says nothing', () => {
    expect(classifyLink(L('Read more', 'https://site.example/legal/privacy-policy'))).toBe('privacy-policy');
    expect(classifyLink(L('', 'https://site.example/ccpa/do-not-sell'))).toBe('do-not-sell');
  });

  it('ordinary links are not rights links', () => {
    for (const t of ['Home', 'Shop all', 'Contact us', 'Careers', 'Terms of service']) expect(classifyLink(L(t, 'https://site.example/page'))).toBeNull();
  });
});

describe('privacyEmail', () => {
  it('privacy addresses, or any address labelled as privacy contact', () => {
    expect(privacyEmail(L('Write to us', 'mailto:privacy@site.example'))).toBe('privacy@site.example');
    expect(privacyEmail(L('Data protection officer', 'mailto:jane@site.example?subject=x'))).toBe('jane@site.example');
  });
  it('other mail links are not a privacy contact', () => {
    expect(privacyEmail(L('Sales', 'mailto:sales@site.example'))).toBeNull();
    expect(privacyEmail(L('Privacy', 'mailto:not-an-address'))).toBeNull();
  });
});

describe('rights detector', () => {
  it('one finding per type, the most findable link, with findability and the contact', () => {
    const out = rightsDetector.onDom!(
      snap([
        L('Privacy', 'https://site.example/p-hidden', { visible: false, inFooter: false }),
        L('Privacy', 'https://site.example/privacy'),
        L('Your Privacy Choices', 'https://site.example/choices', { visible: false, inFooter: false }),
        L('Privacy team', 'mailto:privacy@site.example'),
        L('Blog', 'https://site.example/blog'),
      ]),
      ctx,
    );
    const by = Object.fromEntries(out.map((d) => [d.details.type, d]));
    expect(Object.keys(by).sort()).toEqual(['data-request', 'do-not-sell', 'privacy-policy']);
    expect(by['privacy-policy']!.details).toMatchObject({ href: 'https://site.example/privacy', findable: true });
    expect(by['do-not-sell']!.details.findable).toBe(false);
    expect(by['do-not-sell']!.assessment).toBe('info');
    expect(by['data-request']!.details.email).toBe('privacy@site.example');
  });

  it('links in frames count too; a page without rights links has none', () => {
    expect(rightsDetector.onDom!(snap([L('Cookie preferences')], false), ctx)[0]!.details).toMatchObject({ type: 'cookie-settings', inFrame: true });
    expect(rightsDetector.onDom!(snap([L('Home', 'https://site.example/')]), ctx)).toEqual([]);
    expect(rightsDetector.onDom!({ ...snap([]), sections: {} }, ctx)).toEqual([]);
  });
});

describe('data-request draft', () => {
  const findings = [{ kind: 'rights-link' as const, details: { type: 'data-request', email: 'privacy@site.example', text: 'Privacy team' } }];

  it('GDPR access request to the privacy contact, as a mailto: link', () => {
    const d = draftDataRequest({ site: 'site.example', request: 'access', law: 'gdpr', findings, date: '2026-11-23' });
    expect(d.to).toBe('privacy@site.example');
    expect(d.subject).toBe('Data subject access request (GDPR Article 15) — site.example');
    expect(d.body).toContain('Article 15');
    expect(d.body).toContain('Date: 2026-11-23');
    expect(d.mailto.startsWith('mailto:privacy@site.example?subject=Data%20subject%20access%20request')).toBe(true);
    expect(decodeURIComponent(d.mailto.split('&body=')[1]!)).toBe(d.body);
  });

  it('CCPA deletion; without a contact it points to the privacy policy', () => {
    const d = draftDataRequest({ site: 'site.example', request: 'deletion', law: 'ccpa', findings: [{ kind: 'rights-link', details: { type: 'privacy-policy', href: 'https://site.example/privacy' } }], date: 'x' });
    expect(d.to).toBe('');
    expect(d.body).toContain('§ 1798.105');
    expect(d.note).toContain('https://site.example/privacy');
    expect(d.mailto.startsWith('mailto:?subject=')).toBe(true);
  });
});
