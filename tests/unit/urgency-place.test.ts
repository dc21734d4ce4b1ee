// Urgency claims only where they are claims: low-stock, activity and limited-time claims in the six
// languages, sale names that are a menu item or a category heading, and clocks seen ticking.
import { describe, expect, it } from 'vitest';
import { judgeUrgency } from '../../src/detectors/dom-judge';
import { classifyUrgency, isSaleName } from '../../src/detectors/fairness/urgency-classify';
import { claimHere } from '../../src/detectors/fairness/urgency-place';
import type { PlaceNode, UrgencyPlace } from '../../src/model/dom';

const place = (chain: PlaceNode[], more: Partial<UrgencyPlace> = {}): UrgencyPlace => ({ chain, around: '', controls: [], link: false, listLinks: 0, ...more });
const n = (tag: string, extra: Partial<PlaceNode> = {}): PlaceNode => ({ tag, ...extra });

describe('claims in the six languages', () => {
  it.each([
    ['Nur noch 3 auf Lager', 'low-stock'],
    ['Fast ausverkauft', 'low-stock'],
    ['Plus que 2 en stock !', 'low-stock'],
    ['Il ne reste que 4 articles', 'low-stock'],
    ['¡Solo quedan 3 unidades!', 'low-stock'],
    ['Últimas unidades', 'low-stock'],
    ['Solo 2 rimasti', 'low-stock'],
    ['Quasi esaurito', 'low-stock'],
    ['Nog maar 3 op voorraad', 'low-stock'],
    ['Bijna uitverkocht', 'low-stock'],
    ['14 Personen sehen sich diesen Artikel gerade an', 'activity'],
    ['12 personnes regardent cet article', 'activity'],
    ['Quelqu’un à Lyon vient d’acheter ce produit', 'activity'],
    ['9 personas están viendo este producto', 'activity'],
    ['7 persone stanno guardando questo articolo', 'activity'],
    ['Qualcuno da Roma ha appena acquistato', 'activity'],
    ['11 mensen bekijken dit product', 'activity'],
    ['Nur heute: 20 % Rabatt', 'limited-time'],
    ["Aujourd'hui seulement", 'limited-time'],
    ['Oferta por tiempo limitado', 'limited-time'],
    ['Solo per oggi', 'limited-time'],
    ['Alleen vandaag', 'limited-time'],
    ['Vente flash', 'limited-time'],
    ['Flitsverkoop', 'limited-time'],
  ])('%s is %s', (text, pattern) => expect(classifyUrgency(text)).toBe(pattern));

  it.each([
    ['Nur noch 3 Tage', 'a time left, not items left (a countdown when a clock is seen)'],
    ['Auf Lager – Lieferung in 2 Tagen', 'in stock with a delivery time'],
    ['Plus que jamais', 'no count'],
    ['Solo para socios', 'no claim'],
    ['Nog vragen? Bel ons', 'no claim'],
    ['Ultime notizie', 'news, not stock'],
    ['Oggi in città', 'today, not an offer'],
  ])('not a claim: %s (%s)', (text) => expect(classifyUrgency(text)).toBeNull());
});

describe('sale names', () => {
  it.each(['Flash Sale', 'Flash sale deals', 'Last chance', 'Ventes flash', 'Blitzangebote', 'Ofertas flash', 'Offerte lampo', 'Laatste kans', 'Deal of the day', 'Flash sale: tents and stoves'])('%s is only a name', (t) => expect(isSaleName(t)).toBe(true));
  it.each(['Flash sale: 30% off until midnight', 'Last chance to get this lamp before it is gone', 'Limited-time offer: 30% off today'])('%s says more than a name', (t) => expect(isSaleName(t)).toBe(false));
});

describe('where a claim stands', () => {
  const menuItem = place([n('a', { names: 'menu-link' }), n('li'), n('ul', { names: 'header__menu' }), n('div'), n('header')], { link: true, listLinks: 8 });
  it('negatives: a menu item, a mega-menu without <nav>, a breadcrumb, a footer column, a category heading, a category filter', () => {
    expect(claimHere('Flash Sale', place([n('a'), n('li'), n('ul'), n('nav', { label: 'Main' })], { link: true, listLinks: 6 }))).toBe(false);
    expect(claimHere('Flash Sale', menuItem)).toBe(false);
    expect(claimHere('Flash Sale', place([n('span'), n('a'), n('li'), n('ol', { type: 'BreadcrumbList' })], { link: true, listLinks: 2 }))).toBe(false);
    expect(claimHere('Flash Sale', place([n('span'), n('a'), n('li'), n('ol', { names: 'breadcrumbs' })], { link: true, listLinks: 2 }))).toBe(false);
    expect(claimHere('Last chance deals', place([n('a'), n('li'), n('ul'), n('div', { names: 'footer-column' })], { link: true, listLinks: 5 }))).toBe(false);
    expect(claimHere('Last chance', place([n('a'), n('p'), n('footer')], { link: true }))).toBe(false);
    expect(claimHere('Flash Sale', place([n('h1', { names: 'collection-hero__title' }), n('div', { names: 'collection-hero banner' })], { around: 'Flash Sale Up to 50% off hundreds of lines' }))).toBe(false);
    expect(claimHere('Flash Sale', place([n('h2'), n('section')], { around: 'Flash Sale Lamp $19 Add to cart Stove $49 Add to cart' }))).toBe(false);
    expect(claimHere('Flash sale', place([n('label'), n('li'), n('ul', { names: 'facets' })], { listLinks: 0 }))).toBe(false);
  });
  it('positives: a promotion bar, a toast, a modal, a badge next to a price or a buy button', () => {
    expect(claimHere('Flash Sale', place([n('strong'), n('div', { names: 'announcement-bar' }), n('header')]))).toBe(true);
    expect(claimHere('Flash Sale', place([n('h2'), n('div', { names: 'promo-banner' })]))).toBe(true);
    expect(claimHere('Last chance', place([n('p'), n('div', { role: 'status', names: 'toast' })]))).toBe(true);
    expect(claimHere('Flash Sale', place([n('h2'), n('div', { role: 'dialog', modal: true })]))).toBe(true);
    expect(claimHere('Flash Sale', place([n('a'), n('li'), n('ul'), n('dialog')], { link: true, listLinks: 4 }))).toBe(true);
    expect(claimHere('Flash sale', place([n('span', { names: 'badge' }), n('div', { names: 'product-card' })], { around: 'Flash sale Desk Lamp €19.00', controls: ['In den Warenkorb'] }))).toBe(true);
    expect(claimHere('Vente flash', place([n('span'), n('div')], { around: 'Vente flash Lampe', controls: ['Ajouter au panier'] }))).toBe(true);
  });
  it('a badge in a product grid (a list of product links) is a claim; a short link entry of such a list is not', () => {
    const card = { link: true, listLinks: 24, item: 'Head Torch Only 2 left $19.00 Add to cart' };
    expect(claimHere('Only 2 left', place([n('span', { names: 'badge' }), n('a'), n('li', { names: 'product-card' }), n('ul', { names: 'grid' })], card))).toBe(true);
    expect(claimHere('Only 2 left', place([n('a'), n('li'), n('ul')], { link: true, listLinks: 5, item: 'Only 2 left' }))).toBe(false);
  });
  it('statements are claims outside navigation, names need an offer', () => {
    expect(claimHere('Only 3 left in stock', place([n('p', { names: 'stock' }), n('div')]))).toBe(true);
    expect(claimHere('Only 3 left in stock', menuItem)).toBe(false);
    expect(claimHere('Flash sale', place([n('span'), n('div')], { around: 'Flash sale Our story' }))).toBe(false);
  });
});

describe('clocks seen ticking', () => {
  const offer = place([n('span', { names: 'timer-digits' }), n('div', { names: 'buybox' })], { around: 'Desk Lamp $100.00 09:59 Add to cart', controls: ['Add to cart'] });
  const video = place([n('span', { names: 'time-remaining' }), n('div', { names: 'player-controls' })], { around: 'Play 09:59 Mute', controls: ['Play', 'Mute'] });
  const bare = (later: unknown, p: UrgencyPlace) => judgeUrgency([{ text: '09:59', clock: true, readAt: 1_000_000, later, place: p } as never]);
  it('a bare clock ticking down next to a price is a countdown', () => {
    expect(bare({ text: '09:57', readAt: 1_002_000 }, offer)).toEqual([{ pattern: 'countdown', text: '09:59', deadline: 1_000_000 + 599_000 }]);
  });
  it('negatives: not seen ticking, counting up, jumping, a video player ticking down', () => {
    expect(bare(undefined, offer)).toEqual([]);
    expect(bare({ text: '10:01', readAt: 1_002_000 }, offer)).toEqual([]);
    expect(bare({ text: '05:00', readAt: 1_002_000 }, offer)).toEqual([]);
    expect(bare({ text: '09:57', readAt: 1_002_000 }, video)).toEqual([]);
  });
  it('a worded countdown in the navigation is not a claim', () => {
    expect(judgeUrgency([{ text: 'Sale ends in 02:00:00', clock: true, readAt: 0, place: place([n('a'), n('li'), n('nav')], { link: true, listLinks: 5 }) }])).toEqual([]);
  });
});
