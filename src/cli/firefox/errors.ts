// Firefox's network error names (NS_ERROR_*, the NSS certificate errors) in the audit's plain words,
// the same words Chromium's net::ERR_* codes get in visit.ts.
const WORDS: [RegExp, string][] = [
  [/NS_ERROR_UNKNOWN_HOST|NS_ERROR_UNKNOWN_PROXY_HOST/, 'could not load the page: the host name could not be found (DNS)'],
  [/NS_ERROR_CONNECTION_REFUSED|NS_ERROR_PROXY_CONNECTION_REFUSED/, 'could not load the page: the server refused the connection'],
  [/NS_ERROR_NET_TIMEOUT/, 'could not load the page: the connection timed out'],
  [/NS_ERROR_OFFLINE/, 'could not load the page: there is no network connection'],
  [/SEC_ERROR_UNKNOWN_ISSUER|MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT|SEC_ERROR_EXPIRED_CERTIFICATE/, 'could not load the page: the TLS certificate is not trusted (use --insecure for staging sites)'],
  [/SSL_ERROR_BAD_CERT_DOMAIN/, 'could not load the page: the TLS certificate does not match the host (use --insecure for staging sites)'],
  [/NS_BINDING_ABORTED/, 'could not load the page: the navigation was aborted (a download, or the page navigated away)'],
  [/Navigation timeout|TimeoutError/, 'could not load the page: it did not finish loading in time'],
  [/Connection closed|Target closed|browser has disconnected|Session with given id not found/i, 'could not audit the page: the browser closed (it may have crashed)'],
];

/** The plain-words reason for a Firefox error message, or null when it is not one of Firefox's. */
export function firefoxError(message: string): string | null {
  for (const [re, words] of WORDS) if (re.test(message)) return words;
  return null;
}
