// Is an urgency text said about an offer, or is it the shop's navigation? The page side sends where the
// text stands (the element and its ancestors as markup names them, the short text around it, the
// buttons there); this decides. Pure: page markup is matched against fixed patterns, never trusted.
//
// The rules, in order, and why:
// 1. In an overlay — <dialog>, role dialog / alertdialog / alert / status, aria-modal, an aria-live
//    region, or a class naming a toast, snackbar, modal, popup, notification — the text is pushed at
//    the person: a claim.
// 2. In navigation — <nav>, role navigation / menu / menubar / menuitem / tablist, a breadcrumb
//    (class, aria-label, schema.org BreadcrumbList), a menu or nav class ("header__menu", "mega-menu"),
//    <footer> / role contentinfo / a footer class — or a link of a few words (≤ 60 characters in its
//    list item, no price or buy button there) in a list of three or more links (a category list, a footer column, a mega-menu
//    without <nav>): a way to a page, not a claim ("Flash sale" in the menu). A product grid is a
//    list of links too, but its cards hold a price or a button.
// 3. A text that is only the name of a sale ("Flash Sale", "Last chance", "Ventes flash") as a heading
//    or link is the name of a category or a page: a claim only in a promotion bar (class naming an
//    announcement, promo, ribbon, top bar, countdown, urgency; "banner" unless it is a category's).
// 4. Such a name elsewhere (a badge) is a claim in an offer's context: a promotion bar, or next to a
//    price, a discount or a buy button (in the text around it or its buttons).
// 5. A statement — a clock with its words, "Only 3 left", "14 people are viewing", "Offer ends
//    tonight" — says something about an offer by its own words: a claim outside navigation.
// 6. A bare clock (digits without countdown words) seen ticking down is a countdown only in an offer's
//    context: video players, quizzes and game timers tick down too.
import type { PlaceNode, UrgencyPlace } from '../../model/dom';
import { isSaleName } from './urgency-classify';

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

/** id and class names split into lower-case words ("header__menu" → header, menu; "megaMenu" → megamenu) */
const names = (n: PlaceNode) => str(n.names, 200).toLowerCase().split(/[\s_-]+/).filter(Boolean);
const anyName = (n: PlaceNode, re: RegExp) => names(n).some((w) => re.test(w));

const OVERLAY_ROLE = /^(?:dialog|alertdialog|alert|status)$/;
const OVERLAY_NAME = /^(?:toast|toasts|toaster|snackbar|modal|popup|popover|notification|notifications|notify|lightbox|exitintent)$/;
const NAV_ROLE = /^(?:navigation|menu|menubar|menuitem|tablist)$/;
const NAV_NAME = /^(?:nav|navbar|navigation|mainnav|sitenav|topnav|subnav|menu|menus|megamenu|submenu|menubar|menuitem|breadcrumb|breadcrumbs|crumbs|facets?|filters?)$/;
/** breadcrumb in an aria-label, in the six languages */
const NAV_LABEL = /breadcrumb|navigation|menu|brotkrümel|pfad|fil d['’]ariane|migas|briciole|kruimel/i;
const FOOTER_NAME = /^(?:footer|sitefooter|pagefooter)$/;
const PROMO_NAME = /^(?:announcement|announcementbar|promo|promotion|promobar|ribbon|topbar|noticebar|countdown|urgency|scarcity|hurry|timer|banner|hero)$/;
/** a banner of a category page is its heading, not a promotion */
const CATEGORY_NAME = /^(?:category|collection|catalog|catalogue|plp|listing|department)$/;

// Offer context, in the six languages: a price, a discount, a buy button.
const PRICE = /(?:[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:[$€£¥₹]|(?<![\p{L}])(?:USD|EUR|GBP|CHF|kr)(?![\p{L}])))/u;
const DISCOUNT = /-\s?\d{1,2}\s?%|\d{1,2}\s?%\s*(?:off|rabatt|de\s+(?:réduction|remise|descuento)|di\s+sconto|korting|sconto|descuento|réduction)|(?<![\p{L}])(?:save|spare|sparen|économisez|ahorra|risparmia|bespaar)(?![\p{L}])/iu;
const CTA = /(?<![\p{L}])(?:add\s+to\s+(?:cart|bag|basket|trolley)|buy(?:\s+it)?(?:\s+now)?|shop\s+now|order\s+now|book\s+now|get\s+(?:it|the\s+deal|deal)|claim\s+(?:offer|deal)|in\s+den\s+(?:warenkorb|einkaufswagen)|jetzt\s+(?:kaufen|bestellen|buchen|sichern|shoppen)|kaufen|ajouter\s+au\s+panier|acheter|commander|j['’]en\s+profite|en\s+profiter|añadir\s+al\s+carrito|comprar(?:\s+ahora)?|aggiungi\s+al\s+carrello|acquista(?:\s+ora)?|compra\s+ora|in\s+(?:de\s+)?winkelwagen|koop\s+nu|bestel\s+nu|nu\s+kopen)(?![\p{L}])/iu;

const offerIn = (t: string) => PRICE.test(t) || DISCOUNT.test(t) || CTA.test(t);

export interface Where {
  overlay: boolean;
  navigation: boolean;
  promo: boolean;
  /** the text is a heading or a link (itself, or within two levels) */
  nameLike: boolean;
  /** a price, a discount or a buy button stands next to the text */
  offer: boolean;
}

export function whereOf(place: UrgencyPlace, text: string): Where {
  const chain = (Array.isArray(place.chain) ? place.chain : []).slice(0, 12).filter((n): n is PlaceNode => !!n && typeof n === 'object');
  const role = (n: PlaceNode) => str(n.role, 30).toLowerCase();
  const tag = (n: PlaceNode) => str(n.tag, 20).toLowerCase();
  const overlay = chain.some((n) => tag(n) === 'dialog' || OVERLAY_ROLE.test(role(n)) || n.modal === true || n.live === true || anyName(n, OVERLAY_NAME));
  // a list of links whose entry is a link of a few words (a product card in a grid of product links
  // holds a price or a button: its badge is no menu entry)
  const item = str(place.item, 200);
  const linkList = place.link === true && Number(place.listLinks) >= 3 && item.length <= 60 && !offerIn(item);
  const navigation =
    linkList ||
    chain.some(
      (n) =>
        tag(n) === 'nav' ||
        tag(n) === 'footer' ||
        NAV_ROLE.test(role(n)) ||
        role(n) === 'contentinfo' ||
        /breadcrumblist|sitenavigationelement/i.test(str(n.type, 60)) ||
        NAV_LABEL.test(str(n.label, 60)) ||
        anyName(n, NAV_NAME) ||
        anyName(n, FOOTER_NAME),
    );
  const category = chain.some((n) => anyName(n, CATEGORY_NAME));
  const promo = !category && chain.some((n) => anyName(n, PROMO_NAME));
  const nameLike = place.link === true || chain.slice(0, 3).some((n) => /^h[1-6]$/.test(tag(n)) || role(n) === 'heading');
  const offer = offerIn([text, str(place.around, 400), ...(Array.isArray(place.controls) ? place.controls.slice(0, 4).map((c) => str(c, 60)) : [])].join(' · '));
  return { overlay, navigation, promo, nameLike, offer };
}

/**
 * Does this urgency text make a claim where it stands? `bare`: a clock without countdown words, seen
 * ticking down. Without a place (an older page side) the text is judged by its words alone.
 */
export function claimHere(text: string, place: UrgencyPlace | undefined, opts: { bare?: boolean } = {}): boolean {
  if (!place || typeof place !== 'object') return !opts.bare;
  const w = whereOf(place, text);
  if (w.overlay) return true; // 1
  if (w.navigation) return false; // 2
  if (opts.bare) return w.promo || w.offer; // 6
  if (isSaleName(text)) return w.nameLike ? w.promo : w.promo || w.offer; // 3, 4
  return true; // 5
}
