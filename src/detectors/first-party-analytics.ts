// Credit where it is due: privacy-friendly analytics (seeds/catalog/analytics.json) are found by the
// vendors detector (their script, collection endpoint or page global) as a first-party-analytics
// finding, a good practice. This derivation decides, once the visit's identifiers are in, whether the
// credit stands: a tool that counts visits without an identifier keeps it; one set up to store an
// identifying cookie in your browser (Matomo's default _pk_id visitor id, kept 13 months; Open Web
// Analytics' owa_v) loses it — it recognises you on every return like any other analytics.
//
// The line follows the CNIL's consent exemption for audience measurement (Délibération 2020-091,
// art. 5, and its list of exempt configurations, which names Matomo only with a restricted setup):
// aggregate counting is exempt; a persistent visitor id that lets visits be linked is not credited
// here. Flags that tell no one apart (_pk_ses is "1" for 30 minutes) and the referrer cookie
// (_pk_ref) are not identifiers and do not cost the credit.
import analyticsCatalog from '../../seeds/catalog/analytics.json';
import type { CatalogEntry, CatalogFile } from '../catalog/schema';
import type { FindingDraft, StoredFinding } from '../model/finding';
import type { Detector } from './types';

const CATALOG: readonly CatalogEntry[] = (analyticsCatalog as CatalogFile).entries;

/** Matomo cookies that hold no id: a visit flag, the referrer, custom variables, heatmap state. */
const NOT_IDENTIFYING = /^_pk_(ses|ref|cvar|hsr)([._]|$)/;

function matchesCookie(entry: CatalogEntry | undefined, name: string): boolean {
  return !!entry?.cookies?.some((c) => (c.endsWith('*') ? name.startsWith(c.slice(0, -1)) : name === c));
}

/** The identifier findings of the visit that are this analytics tool's own identifying cookies. */
export function identifyingCookiesOf(analytics: StoredFinding, findings: readonly StoredFinding[], catalog: readonly CatalogEntry[] = CATALOG): StoredFinding[] {
  const entry = catalog.find((e) => e.id === analytics.details.catalogId);
  return findings.filter((f) => {
    if (f.kind !== 'identifier') return false;
    const name = typeof f.details.name === 'string' ? f.details.name : '';
    if (!name || NOT_IDENTIFYING.test(name)) return false;
    if (!(f.vendor === analytics.vendor || matchesCookie(entry, name))) return false;
    // a cookie the page holds counts when its value looks like an id; one set over the network was
    // already judged id-like by the identifiers detector
    return f.source === 'network' || f.details.idLike === true;
  });
}

export function deriveFirstPartyAnalytics(findings: readonly StoredFinding[], catalog: readonly CatalogEntry[] = CATALOG): FindingDraft[] {
  return findings
    .filter((f) => f.kind === 'first-party-analytics')
    .map((f) => {
      const ids = identifyingCookiesOf(f, findings, catalog);
      const names = [...new Set(ids.map((i) => String(i.details.name)))].slice(0, 5);
      return {
        kind: 'first-party-analytics',
        key: f.key,
        source: f.source,
        confidence: f.confidence,
        assessment: ids.length ? 'info' : 'good',
        evidence: ids.slice(0, 2).map((i) => ({ ...i.evidence[0]!, detail: `${f.vendor ?? 'the analytics tool'} keeps an identifier: ${i.evidence[0]?.detail ?? names.join(', ')}` })),
        details: { identifiers: ids.length > 0, ...(names.length ? { identifierNames: names } : {}) },
      } satisfies FindingDraft;
    });
}

export const firstPartyAnalyticsDetector: Detector = {
  id: 'first-party-analytics',
  derive: (findings) => deriveFirstPartyAnalytics(findings),
};
