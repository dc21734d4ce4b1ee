// The built manifests against the committed allowlist and a strict CSP. Runs after `npm run build`
// (npm test builds before e2e), so it checks what users install, not the config that produced it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Allowlist, checkBuild } from '../../scripts/check-permissions';
import { expect, ROOT, test } from './fixtures';

test('built manifests ask for exactly the allowlisted permissions and keep a strict CSP', () => {
  const allow = JSON.parse(readFileSync(join(ROOT, 'tests/permissions.allowlist.json'), 'utf8')) as Allowlist;
  expect(checkBuild(join(ROOT, '.output'), allow)).toEqual([]);
});

test('the privacy policy, the licence and the third-party notices are inside both built packages, as in the checkout', () => {
  for (const out of ['chrome-mv3', 'firefox-mv2']) {
    for (const f of ['PRIVACY.md', 'LICENSE', 'THIRD_PARTY_NOTICES']) {
      expect(readFileSync(join(ROOT, '.output', out, f), 'utf8'), `${out}/${f}`).toBe(readFileSync(join(ROOT, f), 'utf8'));
    }
  }
});
