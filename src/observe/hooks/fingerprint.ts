// Fingerprinting hooks (MAIN world). Each technique is reported once per calling script as one compact
// `fingerprint` event; per-call work is a WeakMap lookup and a few comparisons, and the stack (the
// expensive part) is only taken when a call could complete a fingerprint. A Chart.js page drawing
// thousands of labels never reaches the stack: its canvases use save/restore and are never read back.
import { emit } from './emit';
import { indexOf, mapGet, mapSet, setAdd, setHas, setSize, sliceStr, wsAdd, wsHas } from './safe';
import { callerScript } from './stack';
import { wrapGetter, wrapMethod } from './wrap';

export const FINGERPRINT_EVENT = 'fingerprint';

const reported = new Set<string>();
function report(technique: string, api: string, script: string | undefined, detail: Record<string, unknown> = {}): void {
  const k = `${technique}|${api}|${script ?? ''}`;
  if (reported.has(k) || reported.size > 200) return;
  reported.add(k);
  emit(FINGERPRINT_EVENT, { technique, api, ...detail }, script);
}

// --- canvas: Englehardt & Narayanan, "Online tracking: A 1-million-site measurement" (CCS 2016) §6.1,
// the same criteria OpenWPM and Blacklight use: ≥10 distinct characters or ≥2 colours drawn, canvas at
// least 16×16, no save/restore (animation), then the image read back.
interface CanvasState {
  chars: Set<string>;
  colours: Set<string>;
  animated: boolean;
}
const canvases = new WeakMap<object, CanvasState>();
const webglCanvases = new WeakSet<object>();

function stateOf(canvas: object): CanvasState {
  let s = canvases.get(canvas);
  if (!s) canvases.set(canvas, (s = { chars: new Set(), colours: new Set(), animated: false }));
  return s;
}

function noteColour(ctx: CanvasRenderingContext2D, s: CanvasState, stroke: boolean): void {
  if (s.colours.size >= 2) return;
  const c = stroke ? ctx.strokeStyle : ctx.fillStyle;
  if (typeof c === 'string') s.colours.add(c);
}

function onText(ctx: CanvasRenderingContext2D, text: unknown, stroke: boolean): void {
  const s = stateOf(ctx.canvas);
  if (s.animated) return;
  noteColour(ctx, s, stroke);
  if (s.chars.size >= 10) return;
  const t = String(text);
  for (let i = 0; i < t.length && i < 64 && s.chars.size < 10; i++) s.chars.add(t[i]!);
}

function looksLikeFingerprint(canvas: { width: number; height: number }, s: CanvasState | undefined): boolean {
  return !!s && !s.animated && canvas.width >= 16 && canvas.height >= 16 && (s.chars.size >= 10 || s.colours.size >= 2);
}

function onReadback(canvas: HTMLCanvasElement, api: string): void {
  if (webglCanvases.has(canvas)) {
    if (canvas.width >= 16 && canvas.height >= 16) report('webgl', api, callerScript());
    return;
  }
  const s = canvases.get(canvas);
  if (!looksLikeFingerprint(canvas, s)) return;
  report('canvas', api, callerScript());
}

function installCanvas(): void {
  const C2D = window.CanvasRenderingContext2D?.prototype;
  const Canvas = window.HTMLCanvasElement?.prototype;
  if (!C2D || !Canvas) return;
  wrapMethod(C2D, 'fillText', { before: (ctx, a) => onText(ctx, a[0], false) });
  wrapMethod(C2D, 'strokeText', { before: (ctx, a) => onText(ctx, a[0], true) });
  for (const [m, stroke] of [['fillRect', false], ['fill', false], ['stroke', true], ['strokeRect', true]] as const) {
    wrapMethod(C2D, m, {
      before: (ctx: CanvasRenderingContext2D) => {
        const s = stateOf(ctx.canvas);
        if (!s.animated) noteColour(ctx, s, stroke);
      },
    });
  }
  for (const m of ['save', 'restore']) {
    wrapMethod(C2D, m, {
      before: (ctx: CanvasRenderingContext2D) => {
        stateOf(ctx.canvas).animated = true;
      },
    });
  }
  wrapMethod(C2D, 'getImageData', {
    after: (ctx: CanvasRenderingContext2D, a) => {
      if (Math.abs(Number(a[2])) >= 16 && Math.abs(Number(a[3])) >= 16) onReadback(ctx.canvas, 'getImageData');
    },
  });
  wrapMethod(Canvas, 'toDataURL', { after: (c: HTMLCanvasElement) => onReadback(c, 'toDataURL') });
  wrapMethod(Canvas, 'toBlob', { after: (c: HTMLCanvasElement) => onReadback(c, 'toBlob') });
  wrapMethod(Canvas, 'getContext', {
    after: (c: HTMLCanvasElement, a) => {
      if (!/webgl/i.test(String(a[0]))) return;
      webglCanvases.add(c);
      installWebgl();
    },
  });
  wrapMethod(window.OffscreenCanvas?.prototype, 'getContext', {
    after: (_c: unknown, a) => {
      if (/webgl/i.test(String(a[0]))) installWebgl();
    },
  });

  wrapMethod(C2D, 'measureText', { before: (ctx: CanvasRenderingContext2D, a) => noteFont(ctx.font, a[0], 'measureText') });
}

// --- fonts: text measured in many font families. The hook only counts, per calling script, the
// distinct families it measured and the distinct strings it measured them with, and reports the count
// at 10, 20, 30 … families; the threshold (≥20 families, one or two test strings) is the detector's
// (src/detectors/fingerprinting.ts). Only a family not seen before costs a stack: a layout library
// reading offsetWidth thousands of times in the page's few fonts costs a property read and a Set lookup.
const fontsSeen = new Set<string>();
const fontsByScript = new Map<string, [Set<string>, Set<string>]>();
/** the family list of a CSS font shorthand ("bold 16px \"Courier New\", monospace"): a text-fitting
 *  library trying fifty sizes of one family is one family */
function familyOf(font: unknown): unknown {
  if (typeof font !== 'string') return font;
  const i = indexOf(font, 'px ');
  return i < 0 ? font : sliceStr(font, i + 3);
}

function noteFont(font: unknown, text: unknown, api: string): void {
  const family = familyOf(font);
  if (!family || typeof family !== 'string' || setHas(fontsSeen, family) || setSize(fontsSeen) > 2000) return;
  setAdd(fontsSeen, family);
  const script = callerScript() ?? '';
  let s = mapGet(fontsByScript, script) as [Set<string>, Set<string>] | undefined;
  if (!s) mapSet(fontsByScript, script, (s = [new Set(), new Set()]));
  setAdd(s[0], family);
  if (setSize(s[1]) < 5) setAdd(s[1], sliceStr(String(text ?? ''), 0, 40));
  const n = setSize(s[0]);
  if (n % 10 === 0 && n <= 60) emit(FINGERPRINT_EVENT, { technique: 'font', api, fonts: n, texts: setSize(s[1]) }, script || undefined);
}

function installFonts(): void {
  const measured = (api: string) => (el: HTMLElement) => {
    const st = el.style;
    if (st) noteFont(st.fontFamily, el.textContent, api);
  };
  for (const p of ['offsetWidth', 'offsetHeight']) wrapGetter(window.HTMLElement?.prototype, p, measured(p));
  const rect = 'getBoundingClientRect';
  wrapMethod(window.Element?.prototype, rect, { before: measured(rect) });
  wrapMethod(window.FontFaceSet?.prototype, 'check', { before: (_f, a) => noteFont(a[0], a[1], 'fonts.check') });
}

// --- WebGL: the unmasked renderer/vendor (WEBGL_debug_renderer_info) or a rendered image read back.
const UNMASKED_VENDOR = 0x9245;
const UNMASKED_RENDERER = 0x9246;
let webglInstalled = false;
/**
 * Installed on the first WebGL context a page asks for, not at start: touching the WebGL interfaces
 * makes the browser build them (~2 ms per frame, measured), and most pages never draw with WebGL.
 * A script can only call these methods on a context, and contexts come from getContext (of a
 * canvas element or an OffscreenCanvas, both hooked).
 */
function installWebgl(): void {
  if (webglInstalled) return;
  webglInstalled = true;
  for (const proto of [window.WebGLRenderingContext?.prototype, window.WebGL2RenderingContext?.prototype]) {
    wrapMethod(proto, 'getParameter', {
      before: (_gl, a) => {
        const p = a[0];
        if (p === UNMASKED_RENDERER || p === UNMASKED_VENDOR) report('webgl', 'WEBGL_debug_renderer_info', callerScript());
      },
    });
    wrapMethod(proto, 'readPixels', {
      before: (_gl, a) => {
        if (Number(a[2]) * Number(a[3]) >= 256) report('webgl', 'readPixels', callerScript());
      },
    });
  }
}

// --- audio: the graph a fingerprint builds, recorded as it is built (the context may stay suspended
// and never process a sample): every connect() out of an oscillator, or out of a node an oscillator
// feeds, is one tuple [from, to, context state]. Which graphs are fingerprints is the detector's rule.
// Then the reads: an OfflineAudioContext rendered and its buffer read, or an oscillator-fed analyser's
// frequency data read (a visualiser's analyser is fed by a media element, never by an oscillator).
function installAudio(): void {
  const fed = new WeakSet<object>();
  const tag = (n: unknown) => String((n as { [Symbol.toStringTag]?: string })?.[Symbol.toStringTag] ?? '');
  let edges = 0;
  wrapMethod(window.AudioNode?.prototype, 'connect', {
    before: (src: AudioNode, a) => {
      const dst = a[0];
      const from = tag(src);
      if (edges > 60 || (from !== 'OscillatorNode' && !wsHas(fed, src)) || !(dst instanceof Object)) return;
      wsAdd(fed, dst);
      edges++;
      emit(FINGERPRINT_EVENT, { technique: 'audio', api: 'connect', from, to: tag(dst), state: src.context?.state }, callerScript());
    },
  });
  wrapMethod(window.AnalyserNode?.prototype, 'getFloatFrequencyData', {
    before: (n: AnalyserNode) => {
      if (wsHas(fed, n)) report('audio', 'getFloatFrequencyData', callerScript());
    },
  });
  const rendered = new Set<string>();
  wrapMethod(window.OfflineAudioContext?.prototype, 'startRendering', {
    before: (ctx: OfflineAudioContext) => {
      if (rendered.size < 50) rendered.add(`${ctx.length}|${ctx.sampleRate}`);
    },
  });
  for (const m of ['getChannelData', 'copyFromChannel']) {
    wrapMethod(window.AudioBuffer?.prototype, m, {
      before: (buf: AudioBuffer) => {
        if (rendered.size && rendered.has(`${buf.length}|${buf.sampleRate}`)) report('audio', m, callerScript());
      },
    });
  }
}

// --- navigator/screen enumeration. Threshold 10 distinct properties from one script: analytics tags
// read about 4–7 of these (user agent, language, screen size, colour depth, cookies enabled), while
// fingerprinting libraries read 15–25 (FingerprintJS v4 reads hardwareConcurrency, deviceMemory,
// maxTouchPoints, platform, vendor, languages, pdfViewerEnabled, screen.avail*, colorDepth …).
export const NAVIGATOR_THRESHOLD = 10;
const NAV_PROPS = [
  'userAgent', 'appVersion', 'platform', 'vendor', 'vendorSub', 'product', 'productSub', 'language', 'languages',
  'hardwareConcurrency', 'deviceMemory', 'maxTouchPoints', 'cookieEnabled', 'doNotTrack', 'plugins', 'mimeTypes',
  'pdfViewerEnabled', 'webdriver', 'oscpu', 'cpuClass', 'buildID', 'connection', 'userAgentData', 'appName', 'appCodeName',
];
const SCREEN_PROPS = ['width', 'height', 'availWidth', 'availHeight', 'availTop', 'availLeft', 'colorDepth', 'pixelDepth', 'orientation'];
/** stack samples per property: enough to attribute every script that reads it early, bounded cost */
const SAMPLES_PER_PROP = 8;

function installNavigator(): void {
  const byScript = new Map<string, Set<string>>();
  const samples = new Map<string, number>();
  const seen = (prop: string) => () => {
    const n = samples.get(prop) ?? 0;
    if (n >= SAMPLES_PER_PROP) return;
    samples.set(prop, n + 1);
    const script = callerScript() ?? '';
    let set = byScript.get(script);
    if (!set) byScript.set(script, (set = new Set()));
    if (set.has(prop)) return;
    set.add(prop);
    if (set.size === NAVIGATOR_THRESHOLD) report('navigator', 'properties', script || undefined, { properties: [...set] });
  };
  for (const p of NAV_PROPS) wrapGetter(window.Navigator?.prototype, p, seen(`navigator.${p}`));
  for (const p of SCREEN_PROPS) wrapGetter(window.Screen?.prototype, p, seen(`screen.${p}`));
  wrapMethod(window.MediaDevices?.prototype, 'enumerateDevices', { before: () => report('navigator', 'enumerateDevices', callerScript()) });
}

// --- WebRTC local-IP discovery: a data channel and an offer on a connection with no media, the
// classic way to make the browser gather ICE candidates that carry local addresses.
function installWebrtc(): void {
  const proto = window.RTCPeerConnection?.prototype;
  const channels = new WeakSet<object>();
  wrapMethod(proto, 'createDataChannel', { before: (pc) => channels.add(pc) });
  wrapMethod(proto, 'createOffer', {
    before: (pc: RTCPeerConnection) => {
      const media = typeof pc.getSenders === 'function' && pc.getSenders().length > 0;
      if (channels.has(pc) && !media) report('webrtc', 'createOffer', callerScript());
    },
  });
}

export function installFingerprintHooks(): void {
  for (const install of [installCanvas, installFonts, installAudio, installNavigator, installWebrtc]) {
    try {
      install();
    } catch {
      // a missing API in this browser or frame: the others still install
    }
  }
}
