// The permission and CSP check catches drift in both directions and every loosening of the CSP.
import { describe, expect, it } from 'vitest';
import { type Allowlist, cspProblems, permissionProblems } from '../../scripts/check-permissions';

const allow: Allowlist = {
  'chrome-mv3': {
    permissions: { storage: 'why', webRequest: 'why' },
    host_permissions: { '<all_urls>': 'why' },
    optional_permissions: {},
    optional_host_permissions: {},
  },
};
const base = { permissions: ['storage', 'webRequest'], host_permissions: ['<all_urls>'], content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" } };

describe('permission allowlist', () => {
  it('passes when the manifest and the allowlist agree', () => {
    expect(permissionProblems('chrome-mv3', base, allow)).toEqual([]);
    expect(cspProblems('chrome-mv3', base)).toEqual([]);
  });
  it('fails on a new permission, a new host permission and an optional one', () => {
    expect(permissionProblems('chrome-mv3', { ...base, permissions: [...base.permissions, 'cookies'] }, allow)).toEqual([expect.stringContaining('"cookies" is not in the allowlist')]);
    expect(permissionProblems('chrome-mv3', { ...base, host_permissions: ['<all_urls>', 'https://api.example/*'] }, allow)).toHaveLength(1);
    expect(permissionProblems('chrome-mv3', { ...base, optional_permissions: ['history'] }, allow)).toHaveLength(1);
  });
  it('fails when a permission is dropped but still allowlisted', () => {
    expect(permissionProblems('chrome-mv3', { ...base, permissions: ['storage'] }, allow)).toEqual([expect.stringContaining('"webRequest" is in the allowlist but')]);
  });
  it('fails for a build target the allowlist does not know', () => {
    expect(permissionProblems('safari', base, allow)).toHaveLength(1);
  });
});

describe('extension page CSP', () => {
  const csp = (extension_pages: string) => cspProblems('chrome-mv3', { content_security_policy: { extension_pages } });
  it.each([
    "script-src 'self' 'unsafe-eval'; object-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    "script-src 'self' 'unsafe-inline'; object-src 'self'",
    "script-src 'self' https://cdn.example; object-src 'self'",
    "script-src *; object-src 'self'",
    "object-src 'self'",
    "script-src 'self'",
  ])('rejects %s', (p) => {
    expect(csp(p).length).toBeGreaterThan(0);
  });
  it('rejects a missing CSP, pages reachable from the web and sandboxes', () => {
    expect(cspProblems('x', {})).toHaveLength(1);
    const ok = base.content_security_policy;
    expect(cspProblems('x', { content_security_policy: ok, externally_connectable: { matches: ['*://*/*'] } })).toHaveLength(1);
    expect(cspProblems('x', { content_security_policy: ok, web_accessible_resources: [] })).toHaveLength(1);
    expect(cspProblems('x', { content_security_policy: ok, sandbox: { pages: [] } })).toHaveLength(1);
  });
  it('accepts the Firefox MV2 string form', () => {
    expect(cspProblems('firefox-mv2', { content_security_policy: "script-src 'self'; object-src 'self'" })).toEqual([]);
  });
});
