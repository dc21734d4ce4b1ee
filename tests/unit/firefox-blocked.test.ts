// A request Firefox stopped for the person (an extension's block rule, or Firefox's own tracking
// protection) is "blocked", as Chromium's ERR_BLOCKED_BY_CLIENT is: the tracker tried and was told
// nothing. Other failures are not.
import { describe, expect, it } from 'vitest';
import { isBlockedByClient } from '../../src/observe/network';

describe('blocked requests in Firefox', () => {
  it.each(['NS_ERROR_ABORT', 'NS_ERROR_TRACKING_URI', 'NS_ERROR_FINGERPRINTING_URI', 'NS_ERROR_SOCIALTRACKING_URI'])('%s is a request the browser blocked', (e) => {
    expect(isBlockedByClient(e)).toBe(true);
  });

  it.each(['NS_BINDING_ABORTED', 'NS_ERROR_UNKNOWN_HOST', 'NS_ERROR_CONNECTION_REFUSED', 'NS_ERROR_NET_RESET', 'NS_ERROR_ABORTED_XYZ'])('%s is not', (e) => {
    expect(isBlockedByClient(e)).toBe(false);
  });
});
