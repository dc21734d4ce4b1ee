// Fingerprinting from the MAIN-world `fingerprint` events (src/observe/hooks/fingerprint.ts): the hook
// applied the canvas criteria (Englehardt & Narayanan) and the navigator threshold; for audio graphs
// and font measuring it records what it saw and the rules below decide. Each becomes a finding per
// technique and script, credited to the script's company when known.
import { capText, capUrl, type FindingDraft } from '../model/finding';
import { evidence, hostOf, whoIs } from './privacy-util';
import type { PageEvent } from '../model/observations';
import type { Detector, DetectorContext } from './types';

export const TECHNIQUES = ['canvas', 'webgl', 'audio', 'font', 'navigator', 'webrtc', 'worker'] as const;
const KNOWN = new Set<string>(TECHNIQUES);

const API_WORDS: Record<string, string> = {
  toDataURL: 'drew text and shapes on a hidden canvas and read the image back (toDataURL)',
  toBlob: 'drew text and shapes on a hidden canvas and read the image back (toBlob)',
  getImageData: 'drew text and shapes on a hidden canvas and read the pixels back (getImageData)',
  getFloatFrequencyData: 'generated a tone and read its frequency analysis back (getFloatFrequencyData)',
  WEBGL_debug_renderer_info: 'asked WebGL for the exact graphics card (WEBGL_debug_renderer_info)',
  readPixels: 'rendered a WebGL image and read its pixels back',
  getChannelData: 'rendered sound silently (OfflineAudioContext) and read the result',
  copyFromChannel: 'rendered sound silently (OfflineAudioContext) and read the result',
  properties: 'read many properties of your browser and screen',
  enumerateDevices: 'listed your cameras, microphones and speakers (enumerateDevices)',
  createOffer: 'opened a WebRTC connection with no call, which reveals local network addresses',
};

/**
 * Audio fingerprinting by its set-up. The hook records every connect() out of an OscillatorNode, or
 * out of a node an oscillator feeds. A fingerprint sends a generated tone through a node whose output
 * depends on the audio stack — a DynamicsCompressor (FingerprintJS, Englehardt & Narayanan §6.4), an
 * Analyser or ScriptProcessor read back (fingerprintjs2, ClientJS), or an AudioWorklet — usually into
 * a silent gain. Building that graph is the tell: the context may stay `suspended` (no user gesture),
 * so nothing is ever processed. A page playing a tone wires oscillator → gain → speakers; a music
 * visualiser's analyser is fed by a media element, never by an oscillator: neither is an edge here.
 */
export const AUDIO_PROBE_NODES = new Set(['DynamicsCompressorNode', 'AnalyserNode', 'ScriptProcessorNode', 'AudioWorkletNode']);

/**
 * Font enumeration: one script measured text in at least 20 distinct font families (each family not
 * seen before on the page, by offsetWidth/offsetHeight, getBoundingClientRect, canvas measureText or
 * document.fonts.check) with at most 2 distinct test strings. Enumerators try 50–500 families against
 * one string (FingerprintJS: 52 families × 3 fallbacks, one string); a page with web fonts uses 2–6
 * families, and a text-fitting library measures one or two families at many sizes (a size is not a
 * family). The hook reports the count at every tenth family.
 */
export const FONT_FAMILIES_MIN = 20;
export const FONT_TEST_STRINGS_MAX = 2;

/** the evidence when a rule here applies and holds, null when it fails, undefined when the hook judged */
function judged(data: Record<string, unknown>): string | null | undefined {
  if (data.technique === 'audio' && data.api === 'connect') {
    const to = String(data.to ?? '');
    if (!AUDIO_PROBE_NODES.has(to)) return null;
    const state = data.state === 'suspended' || data.state === 'running' || data.state === 'closed' ? ` while the audio stayed ${data.state}` : '';
    return `generated a tone and sent it through a ${to.replace(/Node$/, '')}${state}, the set-up of audio fingerprinting`;
  }
  if (data.technique === 'font') {
    const fonts = Number(data.fonts) || 0;
    const texts = data.texts === undefined ? 1 : Number(data.texts);
    if (fonts < FONT_FAMILIES_MIN || !(texts <= FONT_TEST_STRINGS_MAX)) return null;
    const api = String(data.api);
    const how = api === 'fonts.check' ? 'asked document.fonts.check about' : api === 'measureText' ? 'measured the same text (canvas measureText) in' : `measured the same text (${api}) in`;
    return `${how} ${Math.min(fonts, 1000)} font families, to learn which fonts are installed`;
  }
  return undefined;
}

const WORKER_KINDS: Record<string, string> = { Worker: 'a background worker', SharedWorker: 'a shared worker', ServiceWorker: 'a service worker' };

/**
 * A worker the page started (src/observe/hooks/workers.ts). Its code has its own globals
 * (OffscreenCanvas, navigator, fetch) that Candor's page hooks do not reach: fingerprinting or beacons
 * from inside it would go unseen, so the report says so — as a possibility, never as fingerprinting.
 */
function workerNotice(ev: PageEvent, ctx: DetectorContext): FindingDraft[] {
  const what = WORKER_KINDS[String(ev.data.kind)];
  if (!what) return [];
  const script = ev.script ? capUrl(ev.script) : undefined;
  const host = hostOf(script);
  const url = capUrl(ev.data.url);
  const who = whoIs(host, ctx);
  return [
    {
      kind: 'fingerprinting',
      key: `fingerprinting:worker:${host || 'inline'}`,
      vendor: who.vendor ?? (host && ctx.isThirdParty(host) ? ctx.siteOf(host) : undefined),
      company: who.company,
      source: 'page',
      confidence: 'possible',
      evidence: [evidence(script, `started ${what}${url ? ` (${url.startsWith('blob:') ? 'code made in the page' : url})` : ''}: a worker ran that Candor could not see into`, ev.at)],
      details: { technique: 'worker', api: String(ev.data.kind), script: script ?? null, scriptHost: host || null, thirdParty: host ? ctx.isThirdParty(host) : false, workerUrl: url || null },
    },
  ];
}

export const fingerprintingDetector: Detector = {
  id: 'fingerprinting',
  pageEventTypes: ['fingerprint', 'worker'],
  onPageEvent(ev, ctx): FindingDraft[] {
    if (ev.type === 'worker') return workerNotice(ev, ctx);
    const technique = String(ev.data.technique ?? '');
    if (!KNOWN.has(technique)) return [];
    const api = capText(ev.data.api, 40);
    const rule = judged(ev.data);
    if (rule === null) return [];
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
        evidence: [evidence(script, rule ?? `${API_WORDS[api] ?? api}${props ? `: ${props.join(', ')}` : ''}`, ev.at)],
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
