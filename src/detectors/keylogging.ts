// Key logging / pre-submit exfiltration from the MAIN-world `keylog` events: a value typed into a field
// left the page for a third party before the form was submitted. The event never carries the value
// (src/observe/hooks/keylog.ts matched it in page memory): only the field, the destination, how.
import { capText, type FindingDraft } from '../model/finding';
import { evidence, hostOf, whoIs } from './privacy-util';
import type { Detector } from './types';

const ENCODINGS = new Set(['plain', 'url-encoded', 'base64', 'md5', 'sha1', 'sha256']);
const APIS = new Set(['fetch', 'xhr', 'beacon', 'ws', 'image']);

export const keyloggingDetector: Detector = {
  id: 'keylogging',
  pageEventTypes: ['keylog'],
  onPageEvent(ev, ctx): FindingDraft[] {
    const destination = capText(ev.data.destination, 200).toLowerCase();
    // A first-party destination (the site's own search suggestions, address lookup) is the site
    // handling your input, not a third party collecting it.
    if (!/^[a-z0-9.-]+$/.test(destination) || !ctx.isThirdParty(destination)) return [];
    const encoding = ENCODINGS.has(String(ev.data.encoding)) ? String(ev.data.encoding) : 'plain';
    const api = APIS.has(String(ev.data.api)) ? String(ev.data.api) : 'fetch';
    const fieldType = capText(ev.data.fieldType, 20) || 'text';
    const fieldName = capText(ev.data.fieldName, 60);
    const field = fieldName ? `${fieldType} field “${fieldName}”` : `${fieldType} field`;
    const who = whoIs(destination, ctx);
    const script = ev.script && /^https?:/.test(ev.script) ? ev.script : undefined;
    return [
      {
        kind: 'keylogging',
        key: `keylogging:${ctx.siteOf(destination)}:${fieldType}:${fieldName}`,
        vendor: who.vendor,
        company: who.company,
        source: 'page',
        confidence: 'likely',
        evidence: [evidence(script, `what you typed in the ${field} was sent to ${destination} (${encoding}, ${api}, in the ${ev.data.part === 'query' ? 'address' : 'body'}) before you submitted`, ev.at)],
        details: {
          field,
          fieldType,
          fieldName: fieldName || null,
          destination,
          encoding,
          hashed: encoding === 'md5' || encoding === 'sha1' || encoding === 'sha256',
          api,
          script: script ?? null,
          scriptHost: hostOf(script) || null,
        },
      },
    ];
  },
};
