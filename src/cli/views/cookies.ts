// The cookies a `cookies=FILE` view carries in: a logged-in or loyal customer. FILE is a Netscape
// cookies.txt (curl, wget, browser "cookies.txt" exporters) or a JSON array (Playwright's storageState
// cookies, or the Cookie-Editor / EditThisCookie export). A file that cannot be read as either is a
// usage error naming the file and the line, before any browser starts.

/** A cookie as the browser is given it (Playwright's addCookies shape). */
export interface VisitorCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** Unix seconds; -1 = a session cookie */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
}

export class CookieFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    why: string,
  ) {
    super(`cookie file ${file}, line ${line}: ${why}`);
  }
}

const MAX_COOKIES = 3000;
const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// a cookie value may not hold controls, whitespace, quotes, commas, semicolons or backslashes (RFC 6265)
const VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
const DOMAIN = /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export function parseCookieFile(text: string, file: string): VisitorCookie[] {
  const body = text.replace(/^\uFEFF/, '');
  const cookies = /^\s*\[/.test(body) ? parseJsonCookies(body, file) : parseNetscape(body, file);
  if (cookies.length === 0) throw new CookieFileError(file, 1, 'no cookies in the file');
  return cookies;
}

function check(c: VisitorCookie, file: string, line: number): VisitorCookie {
  if (!NAME.test(c.name)) throw new CookieFileError(file, line, `"${c.name.slice(0, 40)}" is not a valid cookie name`);
  if (!VALUE.test(c.value)) throw new CookieFileError(file, line, `the value of ${c.name} holds characters a cookie cannot carry`);
  if (!DOMAIN.test(c.domain)) throw new CookieFileError(file, line, `"${c.domain.slice(0, 80)}" is not a host name`);
  if (!c.path.startsWith('/')) throw new CookieFileError(file, line, `the path must start with "/", not "${c.path.slice(0, 40)}"`);
  if (c.sameSite === 'None' && !c.secure) throw new CookieFileError(file, line, `${c.name} is SameSite=None without Secure: browsers refuse it`);
  return c;
}

/** Netscape format: domain, include-subdomains, path, secure, expires, name, value — tab-separated. */
function parseNetscape(text: string, file: string): VisitorCookie[] {
  const out: VisitorCookie[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!;
    let httpOnly = false;
    // curl writes HttpOnly cookies as comments with this prefix
    if (l.startsWith('#HttpOnly_')) {
      httpOnly = true;
      l = l.slice('#HttpOnly_'.length);
    } else if (l.startsWith('#') || l.trim() === '') continue;
    const f = l.split('\t');
    if (f.length !== 7) {
      throw new CookieFileError(file, i + 1, `expected 7 tab-separated fields (domain, include subdomains, path, secure, expires, name, value), found ${f.length}`);
    }
    const [domain, sub, path, secure, expires, name, value] = f as [string, string, string, string, string, string, string];
    const bool = (v: string, what: string) => {
      if (/^true$/i.test(v)) return true;
      if (/^false$/i.test(v)) return false;
      throw new CookieFileError(file, i + 1, `${what} must be TRUE or FALSE, not "${v.slice(0, 20)}"`);
    };
    const sub1 = bool(sub, 'the include-subdomains field');
    const sec = bool(secure, 'the secure field');
    if (!/^\d+$/.test(expires)) throw new CookieFileError(file, i + 1, `the expiry must be Unix seconds (0 for a session cookie), not "${expires.slice(0, 20)}"`);
    const host = domain.replace(/^\./, '');
    out.push(check({ name, value, domain: sub1 ? `.${host}` : host, path, expires: Number(expires) || -1, httpOnly, secure: sec, sameSite: 'Lax' }, file, i + 1));
    if (out.length > MAX_COOKIES) throw new CookieFileError(file, i + 1, `more than ${MAX_COOKIES} cookies`);
  }
  return out;
}

/** Where each element of a top-level JSON array starts (so an error names the element's line). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectStart = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectStart && !/[\s,\]]/.test(ch)) {
      lines.push(line);
      expectStart = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectStart = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectStart = true;
  }
  return lines;
}

/** Where a JSON text stops being valid (JSON.parse does not always say, e.g. on Node 20). */
export function jsonErrorAt(t: string): number {
  let i = 0;
  const ws = () => {
    while (i < t.length && /\s/.test(t[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (w: string) => (t.startsWith(w, i) ? void (i += w.length) : fail());
  const str = () => {
    if (t[i] !== '"') fail();
    i++;
    while (i < t.length && t[i] !== '"') {
      if (t[i]! < ' ') fail();
      i += t[i] === '\\' ? 2 : 1;
    }
    if (i >= t.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = t[i];
    if (c === '{') {
      i++;
      ws();
      if (t[i] === '}') return void i++;
      for (;;) {
        ws();
        str();
        ws();
        lit(':');
        value();
        ws();
        if (t[i] === ',') i++;
        else if (t[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (t[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (t[i] === ',') i++;
        else if (t[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return str();
    const m = t.slice(i).match(/^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/);
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    return i < t.length ? i : t.length;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, t.length) : 0;
  }
}

function lineAt(text: string, pos: number): number {
  let n = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === '\n') n++;
  return n;
}

const SAME_SITE: Record<string, VisitorCookie['sameSite']> = {
  strict: 'Strict',
  lax: 'Lax',
  none: 'None',
  no_restriction: 'None',
  unspecified: 'Lax',
};

function parseJsonCookies(text: string, file: string): VisitorCookie[] {
  let arr: unknown;
  try {
    arr = JSON.parse(text);
  } catch {
    const at = jsonErrorAt(text);
    throw new CookieFileError(file, lineAt(text, at), `not valid JSON near “${text.slice(at, at + 20).split('\n')[0]}”`);
  }
  if (!Array.isArray(arr)) throw new CookieFileError(file, 1, 'a JSON cookie file holds an array of cookies');
  if (arr.length > MAX_COOKIES) throw new CookieFileError(file, 1, `more than ${MAX_COOKIES} cookies`);
  const lines = elementLines(text);
  return arr.map((raw, i) => {
    const line = lines[i] ?? 1;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CookieFileError(file, line, 'each cookie is an object with at least name, value and domain');
    const c = raw as Record<string, unknown>;
    const str = (k: string, required: boolean): string => {
      const v = c[k];
      if (v === undefined && !required) return '';
      if (typeof v !== 'string') throw new CookieFileError(file, line, `"${k}" must be a string${v === undefined ? ' (it is missing)' : ''}`);
      return v;
    };
    const name = str('name', true);
    const value = str('value', true);
    let domain = str('domain', false);
    if (!domain && typeof c.url === 'string') {
      try {
        domain = new URL(c.url).hostname;
      } catch {
        throw new CookieFileError(file, line, `"url" is not a URL`);
      }
    }
    if (!domain) throw new CookieFileError(file, line, `${name || 'a cookie'} has neither "domain" nor "url"`);
    // Cookie-Editor marks host-only cookies; Playwright's own files already carry the leading dot
    if (c.hostOnly === false && !domain.startsWith('.')) domain = `.${domain}`;
    const exp = c.expires ?? c.expirationDate;
    if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp))) throw new CookieFileError(file, line, '"expires" must be Unix seconds');
    const sameRaw = c.sameSite;
    const sameSite = sameRaw === undefined || sameRaw === null ? 'Lax' : SAME_SITE[String(sameRaw).toLowerCase()];
    if (!sameSite) throw new CookieFileError(file, line, `"sameSite" must be Strict, Lax or None, not "${String(sameRaw).slice(0, 20)}"`);
    const flag = (k: string) => {
      if (c[k] === undefined) return false;
      if (typeof c[k] !== 'boolean') throw new CookieFileError(file, line, `"${k}" must be true or false`);
      return c[k] as boolean;
    };
    const session = c.session === true;
    return check(
      {
        name,
        value,
        domain,
        path: str('path', false) || '/',
        expires: session || exp === undefined || (exp as number) <= 0 ? -1 : Math.floor(exp as number),
        httpOnly: flag('httpOnly'),
        secure: flag('secure'),
        sameSite,
      },
      file,
      line,
    );
  });
}
