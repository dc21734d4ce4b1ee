// Countdowns in every format and in the six languages the AI-disclosure detector knows, read to the
// seconds left, and the fake-deadline rule with each clock's own precision.
import { describe, expect, it } from 'vitest';
import { countdownReset } from '../../src/detectors/fairness/price-logic';
import { CLOCK_HINT, CLOCK_PAGE, CLOCK_RE, classifyUrgency, clockSeconds, countdownSlackMs } from '../../src/detectors/fairness/urgency-classify';

const H = 3600;
const D = 86400;

describe('countdowns: formats and languages', () => {
  it.each([
    // colon clocks, two parts are minutes:seconds (a ticking "Sale ends in 09:59")
    ['Sale ends in 09:59', 9 * 60 + 59],
    ['Offer ends in 02:14:59', 2 * H + 14 * 60 + 59],
    ['Offer ends 1d 04:10:59', D + 4 * H + 10 * 60 + 59],
    // unit sequences
    ['Deal ends in 2h 13m', 2 * H + 13 * 60],
    ['Sale ends in 1d 04h 10m 05s', D + 4 * H + 10 * 60 + 5],
    ['Offer ends in 3 days 4 hours', 3 * D + 4 * H],
    // prose
    ['Sale ends in 9 minutes', 9 * 60],
    ['Only 9 minutes left at this price', 9 * 60],
    // German, French, Spanish, Italian, Dutch
    ['Angebot endet in 2 Std. 13 Min.', 2 * H + 13 * 60],
    ['Noch 2 Tage 4 Std. – Rabatt 30 %', 2 * D + 4 * H],
    ['L’offre se termine dans 9 minutes', 9 * 60],
    ['Plus que 3 jours 2 heures pour profiter de la promo', 3 * D + 2 * H],
    ['La oferta termina en 2 horas y 13 minutos', 2 * H + 13 * 60],
    ['Quedan 09:59 de oferta', 9 * 60 + 59],
    ['Offerta: termina tra 9 minuti', 9 * 60],
    ['Mancano 2 giorni 5 ore alla fine dei saldi', 2 * D + 5 * H],
    ['Actie eindigt over 2u 13m', 2 * H + 13 * 60],
    ['Aanbieding: nog 4 dagen 3 uur', 4 * D + 3 * H],
  ])('%s is a countdown with %i seconds left', (text, seconds) => {
    expect(CLOCK_RE.test(text)).toBe(true);
    // the page side tests the cheap hint first and skips CLOCK_RE when it fails: it must never fail on a clock
    expect(CLOCK_HINT.test(text)).toBe(true);
    // and its cheap page-side pattern finds it too (the worker then reads it with CLOCK_RE)
    expect(CLOCK_PAGE.test(text)).toBe(true);
    expect(classifyUrgency(text, { hasClock: true })).toBe('countdown');
    expect(clockSeconds(text)).toBe(seconds);
  });

  it.each([
    ['Sale ends at 23:59', 'a time of day, not time left'],
    ['La vente se termine à 18:00', 'a time of day (French)'],
    ['Der Sale endet um 18:00 Uhr', 'a time of day (German)'],
    ['Opening hours 09:00:00', 'no offer word'],
    ['5 min read', 'reading time'],
    ['Posted 10 minutes ago', 'a past time'],
    ['Only 2 hours from the station', 'a distance'],
    ['Order within 02:14:33 for next-day delivery', 'a courier cut-off'],
    ['Bestellen Sie innerhalb von 2 Std. 13 Min. für Lieferung morgen', 'a courier cut-off (German)'],
    ['Commandez dans les 2 h 13 min, livré demain', 'a courier cut-off (French)'],
    ['Deal ends in 13m 2h', 'units out of order'],
    ['Offer ends in 2h 75m', 'minutes beyond the hour'],
    ['2 months left on your plan', 'months are no clock unit'],
  ])('not a countdown: %s (%s)', (text) => expect(classifyUrgency(text, { hasClock: true })).not.toBe('countdown'));

  it('the clock hint lets prices, ratings, sizes and counts skip the clock pattern, and passes every clock', () => {
    for (const text of ['€ 129,99', 'Rated 4.5/5 (123)', 'Story 12: markets move', 'Size 42 EU', 'Item 12345', '2 for 1', '-30 %'])
      expect(CLOCK_HINT.test(text), text).toBe(false);
    // every clock shape in every unit the pattern knows, in capitals too
    for (const unit of ['d', 'days', 'Tage', 'jours', 'j', 'días', 'giorni', 'gg', 'dagen', 'h', 'hrs', 'Stunden', 'Std', 'heures', 'horas', 'ore', 'uur', 'u', 'min', 'Minuten', 'minutos', 'minuti', 'minuut', 'm', 's', 'secs', 'Sekunden', 'Sek', 'secondes', 'segundos', 'secondi', 'seconden']) {
      expect(CLOCK_HINT.test(`Offer ends in 3 ${unit}`), unit).toBe(true);
      expect(CLOCK_HINT.test(`OFFER ENDS IN 3${unit.toUpperCase()}`), unit).toBe(true);
    }
    expect(CLOCK_HINT.test('Ends in 09 : 59')).toBe(true);
  });

  it('the page-side clock pattern and hint find every clock the worker’s pattern does', () => {
    const texts = [
      'Sale ends at 23:59', 'Der Sale endet um 18:00 Uhr', 'Opening hours 09:00:00', 'Order within 02:14:33 for next-day delivery',
      'Noch 2 Tage 4 Std. – Rabatt 30 %', 'Quedan 09:59 de oferta', 'Actie eindigt over 2u 13m', 'Ενδέχεται 2h 13m', 'Осталось 2 ч 09:59',
      'ÉPUISÉ bientôt : plus que 3 en stock', 'Nur noch 2 verfügbar', 'ÚLTIMAS unidades', 'Only 3 left', 'Flash Sale', '12 PEOPLE ARE VIEWING',
    ];
    for (const text of texts) {
      if (CLOCK_RE.test(text)) expect(CLOCK_PAGE.test(text), text).toBe(true);
      if (CLOCK_RE.test(text)) expect(CLOCK_HINT.test(text), text).toBe(true);
    }
    expect(CLOCK_PAGE.flags).not.toContain('u');
  });

  it('other claims next to a clock word are still classified: activity in the last minutes', () => {
    expect(classifyUrgency('12 people bought this in the last 10 minutes', { hasClock: CLOCK_RE.test('12 people bought this in the last 10 minutes') })).toBe('activity');
  });
});

describe('a restarted deadline is fake only beyond the clock’s own precision', () => {
  it('precision: seconds for colon clocks, the smallest unit shown otherwise', () => {
    expect(countdownSlackMs('Sale ends in 09:59')).toBe(3000);
    expect(countdownSlackMs('Sale ends in 9 minutes')).toBe(62_000);
    expect(countdownSlackMs('Noch 2 Tage 4 Std.')).toBe(H * 1000 + 2000);
  });
  it('a minutes clock read twice 30 s apart is not a reset; a seconds clock is', () => {
    const prev = { deadline: 1_000_000, visitId: 'a', at: 0 };
    const later = 1_000_000 + 30_000;
    expect(countdownReset(prev, later, 'b', 500_000, countdownSlackMs('Sale ends in 9 minutes'))).toBe(false);
    expect(countdownReset(prev, later, 'b', 500_000, countdownSlackMs('Sale ends in 09:59'))).toBe(true);
    expect(countdownReset(prev, 1_000_000 + 5 * 60_000, 'b', 500_000, countdownSlackMs('Sale ends in 9 minutes'))).toBe(true);
  });
});
