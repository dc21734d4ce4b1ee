#!/usr/bin/env node
// `npx candor audit …` from a checkout (package.json "bin"): the same command as `npm run audit --`,
// without npm's banner on stdout, in one process (so Ctrl-C reaches the audit and it can stop cleanly).
//   candor audit [options] <url>...   candor views …   candor diff …   candor merge …   candor --version
import { register } from 'tsx/esm/api';

const SUBCOMMANDS = new Set(['diff', 'merge', 'views']);
const [cmd, ...rest] = process.argv.slice(2);
let argv;
if (cmd === 'audit') argv = rest;
else if (SUBCOMMANDS.has(cmd) || cmd === '--version' || cmd === '-V') argv = [cmd, ...rest];
else if (cmd === undefined || cmd === '--help' || cmd === '-h') {
  process.stdout.write('Usage: candor audit [options] <url>...   (candor audit --help for the options)\n       candor views|diff|merge …   candor --version\n');
  process.exit(cmd === undefined ? 2 : 0);
} else {
  process.stderr.write(`candor: unknown command "${String(cmd).replace(/[^\x20-\x7e]/g, '')}" (audit, views, diff, merge or --version)\n`);
  process.exit(2);
}
process.argv = [process.argv[0], process.argv[1], ...argv];
register();
await import('../src/cli/main.ts');
