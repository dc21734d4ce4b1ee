// Urgency and scarcity claims, after Mathur et al., "Dark Patterns at Scale" (CSCW 2019): countdown
// timers, low-stock and "N people are viewing" messages, limited-time claims. Pure: text in, pattern out.
// A delivery cut-off ("order within 2 h for next-day delivery", "order by 2pm") is a genuine shipping
// notice, not a sales pressure pattern, and is left alone.

import type { UrgencyPattern } from '../../model/dom';

export type { UrgencyPattern } from '../../model/dom';

/** Shipping cut-offs: a real deadline of the courier, not of the offer. */
const SHIPPING = /\b(deliver(y|ed)?|shipping|ships?|shipped|dispatch(ed)?|arrives?|next[- ]day|same[- ]day|courier|pick[- ]?up)\b/i;
/** the same in German, French, Spanish, Italian and Dutch (word stems: "Lieferung", "livré", "envío") */
const SHIPPING_INTL = /(?<![\p{L}])(liefer|geliefert|versand|zustellung|livr|expédi|envío|envio|entrega|recíbelo|spedizion|spedit|consegn|levering|bezorg|verzend|verzonden)/iu;

// Low-stock, activity and limited-time claims in the six languages of src/detectors/ai-language.ts
// (en, de, fr, es, it, nl). Word edges are Unicode lookarounds (\b is ASCII-only: "épuisé").
const E = '(?<![\\p{L}\\p{N}])';
const Z = '(?![\\p{L}\\p{N}])';
const u = (src: string) => new RegExp(`${E}(?:${src})${Z}`, 'iu');
/** after a count of items: not a time unit ("nur noch 3 Tage" is a countdown, not three items left) */
const NT = '(?!\\s*(?:days?|hours?|minutes?|mins?|seconds?|tage?n?|std|stunden?|minuten?|sek|sekunden?|jours?|heures?|secondes?|d[ií]as?|horas?|minutos?|segundos?|giorn[oi]|ore|minuti|secondi|dagen|uur|seconden|[dhmsju])(?![\\p{L}]))';

const LOW_STOCK = [
  /\b(only|just)\s+\d{1,3}\s+(left|remaining|available)\b/i,
  /\b\d{1,3}\s+(left|remaining)\s+in\s+stock\b/i,
  /\bonly\s+\d{1,3}\s+(items?|pieces?|units?|rooms?|seats?|tickets?)\s+(left|remaining)\b/i,
  /\b(low|limited)\s+stock\b/i,
  /\balmost\s+(gone|sold\s+out)\b/i,
  /\bselling\s+fast\b/i,
  /\bin\s+high\s+demand\b/i,
  // de: "Nur noch 3 auf Lager", "nur noch 2 Stück verfügbar", "fast ausverkauft", "geringer Bestand"
  u(`nur\\s+noch\\s+\\d{1,3}${NT}(?:\\s+(?:stück|stk\\.?|artikel|zimmer|plätze|tickets?))?(?:\\s+(?:auf\\s+lager|verfügbar|vorrätig|übrig|da|frei))?|fast\\s+ausverkauft|geringer\\s+(?:lager)?bestand|begrenzte[rn]?\\s+(?:vorrat|stückzahl)|wenige\\s+auf\\s+lager|sehr\\s+gefragt`),
  // fr: "Plus que 3 en stock", "il ne reste que 2 articles", "bientôt épuisé", "stock limité"
  u(`(?:plus\\s+que|il\\s+ne\\s+(?:reste|en\\s+reste)\\s+(?:plus\\s+)?que)\\s+\\d{1,3}${NT}(?:\\s+(?:articles?|exemplaires?|pièces?|chambres?|places?))?(?:\\s+(?:en\\s+stock|disponibles?))?|(?:bientôt|presque)\\s+épuisée?s?|stock\\s+limité|derniers\\s+articles|très\\s+demandée?`),
  // es: "Solo quedan 3", "quedan 2 unidades", "últimas unidades", "casi agotado"
  u(`(?:s[oó]lo\\s+)?quedan?\\s+(?:s[oó]lo\\s+)?\\d{1,3}${NT}(?:\\s+(?:unidades|art[ií]culos|habitaciones|plazas|entradas))?(?:\\s+(?:en\\s+stock|disponibles?))?|[uú]ltimas\\s+(?:\\d{1,3}\\s+)?unidades|(?:casi|pr[aá]cticamente)\\s+agotad[oa]s?|stock\\s+limitado|se\\s+(?:est[aá]n\\s+)?agota(?:ndo)?`),
  // it: "Solo 3 rimasti", "ne restano solo 2", "ultimi pezzi", "quasi esaurito"
  u(`(?:solo|soltanto)\\s+\\d{1,3}\\s+(?:rimast[ie]|disponibili|pezzi|in\\s+magazzino)|(?:ne\\s+)?(?:restano|rimangono)\\s+(?:solo\\s+)?\\d{1,3}${NT}|ultimi\\s+(?:\\d{1,3}\\s+)?pezzi|quasi\\s+esaurit[oa]|scorte\\s+limitate|disponibilità\\s+limitata`),
  // nl: "Nog maar 3 op voorraad", "nog 2 beschikbaar", "bijna uitverkocht", "laatste stuks"
  u('nog\\s+(?:maar\\s+|slechts\\s+)?\\d{1,3}(?:\\s+(?:stuks|kamers|plaatsen|tickets))?\\s+(?:op\\s+voorraad|beschikbaar|over|te\\s+koop)|bijna\\s+uitverkocht|beperkte\\s+voorraad|laatste\\s+(?:\\d{1,3}\\s+)?stuks|veel\\s+gevraagd'),
];

const ACTIVITY = [
  /\b\d{1,5}\s+(other\s+)?(people|persons|shoppers|customers|users|visitors)\s+(are\s+)?(viewing|looking\s+at|watching|have\s+this\s+in\s+their\s+(cart|basket|bag))\b/i,
  /\b\d{1,5}\s+(people|shoppers|customers)\s+(bought|purchased|booked)\b.{0,30}\b(hours?|minutes?|today)\b/i,
  /\b(someone|\w+)\s+(in|from)\s+[\w ,]{2,30}\s+(just\s+)?(bought|purchased|ordered)\b/i,
  /\bbooked\s+\d{1,5}\s+times\s+(today|in\s+the\s+last)\b/i,
  // de: "14 Personen sehen sich diesen Artikel gerade an", "5 Kunden haben das im Warenkorb", "heute 12-mal gekauft"
  u('\\d{1,5}\\s+(?:andere\\s+)?(?:personen|leute|kunden|besucher(?:innen)?|nutzer)\\s+(?:sehen|schauen|betrachten|haben|kauften|buchten)[^.!?]{0,50}?(?:an|ansehen|warenkorb|gekauft|gebucht)|(?:heute|in\\s+den\\s+letzten\\s+\\d{1,3}\\s+stunden)\\s+\\d{1,5}[-\\s]?mal\\s+(?:gekauft|gebucht)|(?:jemand|\\p{L}+)\\s+aus\\s+[\\p{L} ,]{2,30}\\s+hat\\s+(?:gerade|soeben)[^.!?]{0,40}?(?:gekauft|bestellt|gebucht)'),
  // fr: "14 personnes regardent cet article", "3 clients l'ont dans leur panier", "quelqu'un à Lyon vient d'acheter"
  u("\\d{1,5}\\s+(?:autres\\s+)?(?:personnes|clients|visiteurs|acheteurs)\\s+(?:regardent|consultent|(?:l['’]\\s?)?ont\\s+(?:ce(?:t)?\\s+(?:article|produit)\\s+)?dans\\s+leur\\s+panier|ont\\s+(?:acheté|réservé|commandé))|(?:quelqu['’]un|\\p{L}+)\\s+(?:à|de)\\s+[\\p{L} ,]{2,30}\\s+vient\\s+d['’](?:acheter|commander|réserver)|réservé\\s+\\d{1,5}\\s+fois\\s+aujourd['’]hui"),
  // es: "14 personas están viendo este producto", "alguien de Madrid acaba de comprar"
  u('\\d{1,5}\\s+(?:otras\\s+)?(?:personas|clientes|usuarios|visitantes)\\s+(?:est[aá]n\\s+(?:viendo|mirando)|lo\\s+tienen\\s+en\\s+(?:su|el)\\s+carrito|(?:han\\s+)?(?:comprado|compraron|reservado|reservaron))|(?:alguien|\\p{L}+)\\s+(?:de|en)\\s+[\\p{L} ,]{2,30}\\s+acaba\\s+de\\s+(?:comprar|reservar|pedir)|reservado\\s+\\d{1,5}\\s+veces\\s+hoy'),
  // it: "14 persone stanno guardando", "qualcuno da Roma ha appena acquistato"
  u("\\d{1,5}\\s+(?:altre\\s+)?(?:persone|clienti|utenti|visitatori)\\s+(?:stanno\\s+(?:guardando|visualizzando)|(?:lo\\s+)?hanno\\s+(?:questo\\s+(?:articolo|prodotto)\\s+)?nel\\s+carrello|hanno\\s+(?:acquistato|prenotato|comprato))|(?:qualcuno|\\p{L}+)\\s+(?:da|di|a)\\s+[\\p{L} ,]{2,30}\\s+ha\\s+appena\\s+(?:acquistato|comprato|prenotato|ordinato)|prenotato\\s+\\d{1,5}\\s+volte\\s+oggi"),
  // nl: "14 mensen bekijken dit product", "iemand uit Utrecht heeft net gekocht"
  u('\\d{1,5}\\s+(?:andere\\s+)?(?:mensen|personen|bezoekers|klanten)\\s+(?:bekijken|kijken\\s+naar|hebben\\s+(?:dit|het)[^.!?]{0,30}?(?:winkelwagen|winkelmand|gekocht|geboekt)|kochten|boekten)|(?:iemand|\\p{L}+)\\s+uit\\s+[\\p{L} ,]{2,30}\\s+heeft\\s+(?:net|zojuist|zonet)[^.!?]{0,40}?(?:gekocht|besteld|geboekt)|vandaag\\s+\\d{1,5}\\s+keer\\s+geboekt'),
];

/**
 * Names of a sale: on a shop they are as often a menu item, a category or a heading ("Flash sale",
 * "Last chance", "Deal of the day") as a claim about the offer in front of you. A text that is only
 * such a name counts only in an offer's context (src/detectors/fairness/urgency-place.ts).
 */
const SALE_NAMES = [
  'flash\\s*(?:sale|deals?)|lightning\\s+deals?|last\\s+chance|limited[- ]time\\s+(?:offers?|deals?|sale|only)|deals?\\s+of\\s+the\\s+day|today[’\']?s\\s+deals?',
  'blitz(?:angebote?|[- ]?sale|[- ]?deals?)|letzte\\s+chance|zeitlich\\s+begrenzte[sn]?\\s+angebot(?:e)?|angebote?\\s+des\\s+tages|tagesangebote?',
  'ventes?\\s+flash|derni[eè]re\\s+chance|offres?\\s+(?:à\\s+durée\\s+)?limitée?s?|offres?\\s+du\\s+jour|bons\\s+plans\\s+du\\s+jour',
  '(?:ventas?|ofertas?)\\s+flash|[uú]ltima\\s+oportunidad|ofertas?\\s+por\\s+tiempo\\s+limitado|ofertas?\\s+del\\s+d[ií]a|ofertas?\\s+rel[aá]mpago',
  '(?:vendite?|offert[ae])\\s+lampo|ultima\\s+(?:occasione|possibilit[aà])|offert[ae]\\s+a\\s+tempo(?:\\s+limitato)?|offert[ae]\\s+del\\s+giorno',
  'flits(?:verkoop|deals?|actie)|laatste\\s+kans|tijdelijke\\s+(?:aanbieding|actie)(?:en)?|deals?\\s+van\\s+de\\s+dag|dagdeals?',
].join('|');
const SALE_NAME_RE = new RegExp(`${E}(?:${SALE_NAMES})${Z}`, 'iu');
const SALE_NAME_G = new RegExp(SALE_NAME_RE.source, 'giu');

const LIMITED_TIME = [
  /\blimited[- ]time\s+(offer|only|deal|sale)\b/i,
  /\b(offer|sale|deal|discount|price)\s+(ends|expires)\s+(soon|today|tonight|in)\b/i,
  /\b(today|tonight)\s+only\b/i,
  /\blast\s+chance\b/i,
  // "hurry" alone is common prose; as a sales claim it comes first or with the thing running out
  /^hurry\b|\bhurry\b.{0,40}\b(left|ends?|now|before|while|sale|offer|stock|fast)\b/i,
  /\bends\s+(soon|today|tonight|at\s+midnight)\b/i,
  SALE_NAME_RE,
  // de: "Nur heute", "Angebot endet bald", "nur für kurze Zeit", "schnell sein"
  u('nur\\s+(?:noch\\s+)?(?:heute|für\\s+kurze\\s+zeit|bis\\s+mitternacht)|(?:angebot|aktion|sale|rabatt)\\s+(?:endet|läuft\\s+ab)\\s+(?:bald|heute|um\\s+mitternacht)|endet\\s+(?:bald|heute(?:\\s+nacht)?)|schnell\\s+sein|greifen\\s+sie\\s+schnell\\s+zu|beeil(?:en\\s+sie\\s+sich|\\s+dich)'),
  // fr: "Aujourd'hui seulement", "l'offre se termine ce soir", "dépêchez-vous"
  u("aujourd['’]hui\\s+(?:seulement|uniquement)|(?:seulement|uniquement)\\s+aujourd['’]hui|(?:offre|promo(?:tion)?|vente|remise)\\s+(?:se\\s+termine|expire|prend\\s+fin)\\s+(?:bientôt|aujourd['’]hui|ce\\s+soir|à\\s+minuit)|pour\\s+une\\s+durée\\s+limitée|dépêchez[- ]vous|faites\\s+vite"),
  // es: "Solo hoy", "la oferta termina pronto", "date prisa"
  u('s[oó]lo\\s+(?:por\\s+)?hoy|(?:oferta|promoci[oó]n|descuento|rebajas?)\\s+(?:termina|acaba|expira|finaliza)\\s+(?:pronto|hoy|esta\\s+noche|a\\s+medianoche)|por\\s+tiempo\\s+limitado|date\\s+prisa|d[eé]se\\s+prisa|¡?corre(?:!|\\s+que\\s+se\\s+acaba)'),
  // it: "Solo oggi", "l'offerta termina presto", "affrettati"
  u('solo\\s+(?:per\\s+)?oggi|(?:offerta|promozione|sconto|saldi)\\s+(?:termina|scade|finisce|terminano|finiscono)\\s+(?:presto|oggi|stasera|a\\s+mezzanotte)|per\\s+(?:un\\s+)?tempo\\s+limitato|affrettati|sbrigati|affrettatevi'),
  // nl: "Alleen vandaag", "actie eindigt binnenkort", "wees er snel bij", "op=op"
  u('alleen\\s+vandaag|vandaag\\s+alleen|(?:actie|aanbieding|korting|uitverkoop)\\s+(?:eindigt|verloopt|stopt)\\s+(?:binnenkort|vandaag|vanavond|om\\s+middernacht)|voor\\s+beperkte\\s+tijd|wees\\s+er\\s+snel\\s+bij|op\\s*=\\s*op'),
];

/**
 * The text is only the name of a sale ("Flash Sale", "Last chance deals", "Flash sale: tents and
 * stoves"): what is left without the name says nothing of its own — no number, no other urgency
 * words, at most six words (a longer text is a sentence about the offer).
 */
export function isSaleName(text: string): boolean {
  if (!SALE_NAME_RE.test(text)) return false;
  const rest = text.replace(SALE_NAME_G, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (/\d/.test(rest)) return false;
  if (rest && [...LOW_STOCK, ...ACTIVITY, ...LIMITED_TIME].some((r) => r.test(rest))) return false;
  return rest === '' || rest.split(' ').length <= 6;
}

// ---- Countdowns, in every format a shop writes them and in the six languages the AI-disclosure
// detector knows (en, de, fr, es, it, nl; src/detectors/ai-language.ts):
//   colon clocks   "02:14:59", "09:59", "1d 04:10:59"
//   unit sequences "2h 13m", "1d 04h 10m 05s", "2 Tage 4 Std.", "3 jours 2 heures", "2 ore e 13 minuti"
//   prose          "ends in 9 minutes", "endet in 9 Minuten", "se termine dans 9 minutes",
//                  "termina en 9 minutos", "termina tra 9 minuti", "eindigt over 9 minuten", "9 minutes left"
// Rules, and why:
// - A two-part colon clock is minutes:seconds. Shop timers that show two groups are the ones under an
//   hour and tick every second (a ticking "Sale ends in 09:59"); a deadline of hours is written with
//   three groups or with units. Minutes and seconds above 59 are not a clock ("12:99:00").
// - A time of day is not a countdown: a colon time after "at / um / à / a las / alle / om / until …" or
//   followed by "Uhr / am / pm / h" names a moment, not time left ("Sale ends at 23:59").
// - One number with one unit counts only with a countdown word before it ("ends in", "endet in", "noch",
//   "quedan", "mancano" …) or "left / remaining / übrig / restantes …" after it: "5 min read", "10
//   minutes ago" and "2 hours from the station" are not clocks.
// - Units must run from large to small ("2h 13m", not "13m 2h"), each at most once.

const LW = '\\p{L}\\p{N}';
/**
 * The clock pattern's parts, for a class of word characters `LW`. `strict` adds the exclusions (a
 * time of day before or after a colon time); without them, and with a plain letter class, the pattern
 * matches wherever the strict one does and more (the page side's cheap version, below).
 */
function clockParts(LW: string, strict: boolean) {
  /** a whole unit word: not followed by a letter ("2 months" is not 2 m) */
  const unit = (src: string) => `(?:${src})(?![${LW}])`;
  const DAY = unit('days?|d|tage?n?|jours?|j|d[ií]as?|giorn[oi]|gg?|dagen|dag');
  const HOUR = unit('hours?|hrs?|h|stunden?|std|heures?|horas?|ore|ora|uur|u');
  const MIN = unit('minutes?|minuten|minute|minutos?|minuti|minuto|minuut|mins?|m');
  const SEC = unit('seconds?|secs?|s|sekunden?|sek|secondes?|segundos?|secondi|secondo|seconden?');
  const ANY_UNIT = `(?:${DAY}|${HOUR}|${MIN}|${SEC})`;
  const PAIR = `\\d{1,3}\\s*${ANY_UNIT}\\.?`;
  const AND = '(?:\\s*(?:,|&|and|und|et|y|e|en)?\\s*)';
  const TIME_OF_DAY_BEFORE = strict ? `(?<!(?<![${LW}])(?:at|um|à|a las|alle|om|until|till|bis|vers|jusqu['’]à|hasta|fino alle|tot|ab)\\s*)` : '';
  const COLON = `${TIME_OF_DAY_BEFORE}(?<![\\d:])(?:\\d{1,3}\\s*${DAY}\\s*)?(?:\\d{1,2}\\s*:\\s*)?\\d{1,2}\\s*:\\s*\\d{2}(?![\\d:])${strict ? `(?!\\s*(?:uhr|am|pm|a\\.m|p\\.m|h(?![${LW}])))` : ''}`;
  const UNITS = `(?<![${LW}])${PAIR}(?:${AND}${PAIR}){1,3}`;
  const CUE_BEFORE = [
    '(?:ends?|ending|expires?|closes?|finishes)\\s+in',
    'endet\\s+in|enden\\s+in|läuft\\s+(?:ab\\s+)?in|(?:nur\\s+)?noch',
    '(?:se\\s+)?termine\\s+dans|expire\\s+dans|fin(?:it)?\\s+dans|plus\\s+que|encore',
    'termina\\s+en|acaba\\s+en|finaliza\\s+en|expira\\s+en|(?:s[oó]lo\\s+)?quedan',
    '(?:termina|scade|finisce)\\s+(?:tra|fra)|mancano|restano|ancora',
    '(?:eindigt|verloopt)\\s+(?:over|in)|nog(?:\\s+maar)?',
  ].join('|');
  const CUE_AFTER = 'left|remaining|to\\s+go|übrig|verbleibend|restantes?|restanti|rimast[ie]|resterend';
  const PAIRS = `${PAIR}(?:${AND}${PAIR}){0,3}`;
  const PROSE = `(?<![${LW}])(?:${CUE_BEFORE})\\s+${PAIRS}|(?<![${LW}])${PAIRS}\\s+(?:${CUE_AFTER})(?![${LW}])`;
  return { DAY, HOUR, MIN, SEC, ANY_UNIT, COLON, UNITS, PROSE };
}
const { DAY, HOUR, MIN, SEC, ANY_UNIT, COLON, UNITS, PROSE } = clockParts(LW, true);

/** A running clock in any of the formats above. */
export const CLOCK_RE = new RegExp(`${COLON}|${UNITS}|${PROSE}`, 'iu');

/**
 * What the DOM scanner tests every text with: CLOCK_RE without its time-of-day exclusions and with
 * Latin letters for "a letter", so it matches wherever CLOCK_RE does (and a little more: the worker
 * reads every clock again with CLOCK_RE). Without Unicode property classes it compiles in a few
 * milliseconds instead of ~25 in each frame of each page.
 */
const PAGE_CLOCK = clockParts('a-z\\u00C0-\\u024F0-9', false);
export const CLOCK_PAGE = new RegExp(`${PAGE_CLOCK.COLON}|${PAGE_CLOCK.UNITS}|${PAGE_CLOCK.PROSE}`, 'i');

/**
 * What every match of CLOCK_RE contains: a digit, then (after spaces) a colon and a digit, or the first letter of a
 * unit word. A short test the DOM scanner runs first: on a big page most texts with digits (prices,
 * ratings, sizes) fail it, and CLOCK_RE with its look-behinds is then never run on them.
 */
const UNIT_INITIALS = [...new Set([DAY, HOUR, MIN, SEC].flatMap((u) => u.slice('(?:'.length).split(')')[0]!.split('|').map((a) => a[0]!.toLowerCase())))].sort().join('');
export const CLOCK_HINT = new RegExp(`\\d\\s*(?::\\s*\\d|[${UNIT_INITIALS}])`, 'iu');

const UNIT_SECONDS: [RegExp, number][] = [
  [new RegExp(`^${DAY}`, 'iu'), 86400],
  [new RegExp(`^${HOUR}`, 'iu'), 3600],
  [new RegExp(`^${MIN}`, 'iu'), 60],
  [new RegExp(`^${SEC}`, 'iu'), 1],
];
const PAIR_G = new RegExp(`(\\d{1,3})\\s*(${ANY_UNIT})`, 'giu');

interface Clock {
  seconds: number;
  /** the smallest unit the clock shows, in seconds: how far two readings of a genuine timer can differ */
  precision: number;
}

function readClock(text: string): Clock | null {
  const m = CLOCK_RE.exec(text);
  if (!m) return null;
  const t = m[0];
  const colon = /(?:(\d{1,3})\s*\p{L}+\s*)?(?:(\d{1,2})\s*:\s*)?(\d{1,2})\s*:\s*(\d{2})\s*$/u.exec(t);
  if (colon) {
    const [d, h, mi, s] = [colon[1], colon[2], colon[3], colon[4]].map((x) => Number(x ?? 0)) as [number, number, number, number];
    if (mi > 59 || s > 59) return null;
    return { seconds: ((d * 24 + h) * 60 + mi) * 60 + s, precision: 1 };
  }
  let seconds = 0;
  let last = Infinity;
  let n = 0;
  for (const p of t.matchAll(PAIR_G)) {
    const size = UNIT_SECONDS.find(([re]) => re.test(p[2]!))?.[1];
    const v = Number(p[1]);
    // large to small, each unit once; a smaller unit stays within the larger one ("2h 75m" is no clock)
    if (size === undefined || size >= last || (last !== Infinity && v * size >= last)) return null;
    seconds += v * size;
    last = size;
    n++;
  }
  return n ? { seconds, precision: last } : null;
}

/** Seconds left on a visible clock, or null. */
export function clockSeconds(text: string): number | null {
  return readClock(text)?.seconds ?? null;
}

/**
 * How far apart two readings of the same genuine countdown can put its deadline, in ms: the clock's
 * smallest unit ("9 minutes" may mean 9:00 to 9:59) plus the two seconds of reading and rounding.
 * A restart is only called fake beyond this.
 */
export function countdownSlackMs(text: string): number {
  return (readClock(text)?.precision ?? 1) * 1000 + 2000;
}

const COUNTDOWN_CONTEXT = new RegExp(
  `(?<![${LW}])(?:${[
    'ends?|ending|expires?|left|remaining|hurry|offer|sale|deal|discount|price|only|closes?|last',
    'endet|enden|läuft|noch|verbleibend|übrig|angebot|aktion|rabatt|nur|schnell',
    'termine|expire|fin|reste|offre|promo|vente|soldes|plus que|vite',
    'termina|acaba|finaliza|expira|quedan?|oferta|promoci[oó]n|rebajas|descuento|s[oó]lo|rápido',
    'scade|finisce|mancano|restano|offerta|promozione|sconto|saldi|solo|affrettati',
    'eindigt|verloopt|nog|resterend|aanbieding|actie|korting|uitverkoop|snel',
  ].join('|')})(?![${LW}])`,
  'iu',
);

export function isShippingNotice(text: string): boolean {
  return SHIPPING.test(text) || SHIPPING_INTL.test(text);
}

/**
 * One test instead of eighteen for the text a scanner reads from every element: each pattern above
 * needs one of these words (or a clock), so text without any of them makes no claim.
 */
export const ANY_WORD = new RegExp(
  [
    'left|remaining|available|stock|almost|selling|demand|viewing|looking|watching|have\\s+this|bought|purchased|booked|ordered|limited|ends|expires|only|chance|hurry|flash|lightning|deals?\\s+of',
    'noch|heute|lager|verfügbar|ausverkauft|bestand|gefragt|vorrat|personen|leute|kunden|besucher|gekauft|gebucht|endet|blitz|tagesangebot|angebot\\s+des|beeil|schnell',
    'plus\\s+que|reste|épuisé|demandé|personnes|clients|panier|vient\\s+d|réservé|seulement|uniquement|termine|dernière|derniers|limitée?|flash|dépêchez|vite|du\\s+jour',
    'queda|agot|[uú]ltimas?|personas|carrito|acaba\\s+de|s[oó]lo|termina|oportunidad|tiempo\\s+limitado|rel[aá]mpago|del\\s+d[ií]a|prisa|corre',
    'rimast|restano|rimangono|ultimi|esaurit|scorte|disponibilit|persone|carrello|appena|oggi|scade|finisce|lampo|occasione|tempo|affrett|sbrig|del\\s+giorno',
    'nog|voorraad|beschikbaar|uitverkocht|stuks|gevraagd|mensen|bekijken|winkelw|heeft\\s+(?:net|zojuist)|vandaag|eindigt|verloopt|flits|laatste\\s+kans|tijdelijke|beperkte|snel|op\\s*=\\s*op|dagdeal|van\\s+de\\s+dag',
  ].join('|'),
  'iu',
);
const ANY_CLOCK = /\d\s*(?::|\p{L})/u;

/**
 * The urgency pattern a piece of page text makes, or null. `clockText` is the text of an element that
 * looks like a running clock, `context` the text around it (its container).
 */
export function classifyUrgency(text: string, opts: { hasClock?: boolean } = {}): UrgencyPattern | null {
  if (!text || text.length > 600) return null;
  if (!ANY_WORD.test(text) && !(opts.hasClock && ANY_CLOCK.test(text))) return null;
  if (isShippingNotice(text)) return null;
  if (opts.hasClock && clockSeconds(text) !== null && COUNTDOWN_CONTEXT.test(text)) return 'countdown';
  if (LOW_STOCK.some((r) => r.test(text))) return 'low-stock';
  if (ACTIVITY.some((r) => r.test(text))) return 'activity';
  if (LIMITED_TIME.some((r) => r.test(text))) return 'limited-time';
  return null;
}
