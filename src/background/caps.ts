// How much one site can make Candor store. A hostile or broken page can emit thousands of distinct
// observations; without caps it could fill the user's disk (we ask for unlimitedStorage) and slow
// every report. The numbers leave a wide margin over real pages:
//  - findingsPerVisit 400: heavy news and shopping pages talk to 100–150 third parties (HTTP Archive's
//    Web Almanac, third parties chapter: the 90th percentile is ~100 third-party domains); each
//    yields at most a few findings. Repeats of a stored finding are still counted past the cap.
//  - findingsPerSite 20,000 (about 50 full visits at the per-visit cap, or hundreds of typical
//    ones): when a new visit starts and the site holds more, its oldest visits are pruned.
//  - visitsPerSite 500: the dashboard's history; older visits of the site are pruned the same way.
//  - detailsChars 4,000: a finding's details are facts (names, counts, parameter names), not content.
// A finding is ~1–2 KB stored, so one site stays below ~40 MB even under attack, usually far less.
export const CAPS = {
  findingsPerVisit: 400,
  findingsPerSite: 20_000,
  visitsPerSite: 500,
  detailsChars: 4_000,
} as const;

export type Caps = { -readonly [K in keyof typeof CAPS]: number };
