// The host of a URL, fast. Request classification runs on every request a page makes, and
// `new URL()` alone cost ~0.4 µs of a ~1 µs budget (`npm run bench`, classify_us_median). URLs from webRequest are already
// normalised by the browser (lower-case, punycode), so a string scan is exact for them; anything
// unusual (user info, IPv6, escapes, non-ASCII, upper case) takes the URL parser's slow path.
export function hostOf(url: string): string {
  const sep = url.indexOf('://');
  if (sep <= 0 || sep > 8) return slowHost(url);
  const start = sep + 3;
  let end = url.length;
  let port = -1;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35 || c === 92) {
      end = i; // / ? # \
      break;
    }
    if (c === 58) port = i; // :
    else if (c === 64 || c === 37 || c === 91 || c > 126 || (c >= 65 && c <= 90)) return slowHost(url); // @ % [ non-ASCII upper case
  }
  const h = url.slice(start, port >= 0 ? port : end);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

function slowHost(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return '';
  }
}
