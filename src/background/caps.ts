// How much one site can make Candor store. A hostile or broken page can emit thousands of distinct
// observations; without caps it could fill the user's disk (we ask for unlimitedStorage) and slow
// every report. The numbers leave a wide margin over real pages:
//  - findingsPerVisit 400: heavy news and shopping pages talk to 100–150 third parties (HTTP Archive's
//    Web Almanac, third parties chapter: the 90th percentile is ~100 third-party domains); each
//    yields at most a few findings. Repeats of a stored finding are still counted past the cap. The
//    cap applies to network findings and to page-claimed ones (page and DOM sources) separately, so a
//    visit holds at most twice it, and a page inventing findings cannot crowd out its real trackers.
//  - findingsPerSite 20,000 (about 50 full visits at the per-visit cap, or hundreds of typical
//    ones): when a new visit starts and the site holds more, its oldest visits are pruned.
//  - visitsPerSite 500: the dashboard's history; older visits of the site are pruned the same way.
//  - detailsChars 4,000: a finding's details are facts (names, counts, parameter names), not content.
// A finding is ~1–2 KB stored, so one site stays below ~40 MB even under attack, usually far less.
//
// The tables beside the findings hold rows whose keys the page chooses (a product key, a countdown's
// text, an experiment vendor's name, a script's host). Each gets a per-visit and/or a per-site cap,
// checked where the row is written (src/background/table-caps.ts); a row over its cap is not stored
// and is counted on the visit (`rowsDropped`), which the report shows as "observation was limited":
//  - pricesPerVisit 20 / pricesPerSite 2,000: a product page shows one product's price; a visit that
//    prices twenty different products is already a scan of a catalogue. 2,000 rows are 500 visits'
//    worth of four products each (the visit cap); the oldest go first.
//  - countdownsPerVisit 20 / countdownsPerSite 500: a page shows a timer or two (the scanner passes at
//    most five claims a snapshot); the row per page and timer text is replaced on every visit.
//  - experimentsPerVisit 50: a row per vendor and visit; the catalog knows fewer than 30 experiment
//    vendors. Rows of pruned visits go with them.
//  - sightingsPerSite 500: unlisted third parties seen leaving an identifier on one first-party site.
//    A heavy page has ~100 third parties in all (above), most of them listed (and never sighted).
// Not page-keyed, so not capped here: `wellKnown` (one row per origin checked, at most one check per
// site a day, services/gpc-well-known.ts), `cleanChecks` (one per visit, only when the person asks),
// `settings` (the person's choices). `meta` is no longer written. Rows of visits pruned by the site
// caps take their `experiments` and `cleanChecks` rows along (writer.ts, pruneSite).
export const CAPS = {
  findingsPerVisit: 400,
  findingsPerSite: 20_000,
  visitsPerSite: 500,
  detailsChars: 4_000,
  pricesPerVisit: 20,
  pricesPerSite: 2_000,
  countdownsPerVisit: 20,
  countdownsPerSite: 500,
  experimentsPerVisit: 50,
  sightingsPerSite: 500,
} as const;

export type Caps = { -readonly [K in keyof typeof CAPS]: number };
