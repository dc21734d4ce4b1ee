// Fingerprinting from the MAIN-world `fingerprint` events (src/observe/hooks/fingerprint.ts): the hook
// already applied the criteria (Englehardt & Narayanan for canvas, ≥50 fonts, the navigator threshold);
// here each becomes a finding per technique and script, credited to the script's company when known.
import { capText, capUrl, type FindingDraft } from '../model/finding';
import { evidence, hostOf, whoIs } from './privacy-util';
import type { Detector } from './types';

export const TECHNIQUES = ['canvas', 'webgl', 'audio', 'font', 'navigator', 'webrtc'] as const;
const KNOWN = new Set<string>(TECHNIQUES);

const API_WORDS: Record<string, string> = {
  toDataURL: 'drew text and shapes on a hidden canvas and read the image back (toDataURL)',
  toBlob: 'drew text and shapes on a hidden canvas and read the image back (toBlob)',
  getImageData: 'drew text and shapes on a hidden canvas and read the pixels back (getImageData)',
  measureText: 'measured text in 50 or more fonts to learn which fonts are installed',
  WEBGL_debug_renderer_info: 'asked WebGL for the exact graphics card (WEBGL_debug_renderer_info)',
  readPixels: 'rendered a WebGL image and read its pixels back',
  getChannelData: 'rendered sound silently (OfflineAudioContext) and read the result',
  copyFromChannel: 'rendered sound silently (OfflineAudioContext) and read the result',
  properties: 'read many properties of your browser and screen',
  enumerateDevices: 'listed your cameras, microphones and speakers (enumerateDevices)',
  createOffer: 'opened a WebRTC connection with no call, which reveals local network addresses',
};

export const fingerprintingDetector: Detector = {
  id: 'fingerprinting',
  pageEventTypes: ['fingerprint'],
  onPageEvent(ev, ctx): FindingDraft[] {
    const technique = String(ev.data.technique ?? '');
    if (!KNOWN.has(technique)) return [];
    const api = capText(ev.data.api, 40);
    const script = ev.script ? capUrl(ev.script) : undefined;
    const host = hostOf(script);
    const who = whoIs(host, ctx);
    const weak = technique === 'navigator' && api === 'enumerateDevices';
    const props = Array.isArray(ev.data.properties) ? ev.data.properties.slice(0, 40).map((p) => capText(p, 40)) : undefined;
    return [
      {
        kind: 'fingerprinting',
        key: `fingerprinting:${technique}:${host || 'inline'}`,
        vendor: who.vendor ?? (host && ctx.isThirdParty(host) ? ctx.siteOf(host) : undefined),
        company: who.company,
        source: 'page',
        confidence: weak ? 'possible' : 'likely',
        evidence: [evidence(script, `${API_WORDS[api] ?? api}${props ? `: ${props.join(', ')}` : ''}`, ev.at)],
        details: {
          technique,
          script: script ?? null,
          scriptHost: host || null,
          thirdParty: host ? ctx.isThirdParty(host) : false,
          api,
          ...(props ? { properties: props } : {}),
        },
      },
    ];
  },
};
