// Chromium's sandbox stays on. As root, where Chromium cannot run it, the audit stops unless the
// sandbox is switched off explicitly; it never switches it off by itself.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import { SandboxError, sandboxOff } from '../../../src/cli/launch';

describe('the sandbox', () => {
  it('stays on for an ordinary user, whatever the audit is asked', () => {
    expect(sandboxOff({}, {}, 1000)).toBe(false);
    expect(sandboxOff({ noSandbox: false }, { CANDOR_NO_SANDBOX: '0' }, 1000)).toBe(false);
  });

  it('as root: a plain refusal that names the way out, unless --no-sandbox or CANDOR_NO_SANDBOX=1 opts out', () => {
    expect(() => sandboxOff({}, {}, 0)).toThrow(SandboxError);
    expect(() => sandboxOff({}, {}, 0)).toThrow(/unprivileged user.*--no-sandbox/);
    expect(sandboxOff({ noSandbox: true }, {}, 0)).toBe(true);
    expect(sandboxOff({}, { CANDOR_NO_SANDBOX: '1' }, 0)).toBe(true);
    // an opt-out asked for by an ordinary user is honoured too (with the warning)
    expect(sandboxOff({ noSandbox: true }, {}, 1000)).toBe(true);
  });

  it('--no-sandbox and --allow-private are flags of the audit, off by default', () => {
    const noFile = () => {
      throw new Error('ENOENT');
    };
    expect(parseArgs(['https://a.example/'], noFile, [])).toMatchObject({ noSandbox: false, allowPrivate: false });
    expect(parseArgs(['--no-sandbox', '--allow-private', 'https://a.example/'], noFile, [])).toMatchObject({ noSandbox: true, allowPrivate: true });
  });
});
