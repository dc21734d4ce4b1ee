// `npm run audit -- [options] <url>...` (REPORT.md). With --json, stdout carries the JSON array only.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditUrls, isAuditError } from './audit';
import { NoBrowserError } from './find-browser';
import { parseArgs, USAGE, UsageError } from './args';
import { summarise, writeReportFiles } from './output';

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`audit: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const extensionDir = resolve(args.extension ?? '.output/chrome-mv3');
  if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
    process.stderr.write(`audit: no built extension at ${extensionDir}. Run \`npm run build\` first.\n`);
    return 2;
  }
  const human = args.json ? process.stderr : process.stdout;
  try {
    const results = await auditUrls(args.urls, {
      extensionDir,
      profileDir: args.profile ? resolve(args.profile) : undefined,
      hostResolverRules: args.hostResolverRules,
      insecure: args.insecure,
      wait: args.wait,
      interact: args.interact,
      onResult: (r) => {
        human.write(summarise(r));
        if (args.out && !isAuditError(r)) writeReportFiles(resolve(args.out), r);
      },
    });
    if (args.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    return results.some(isAuditError) ? 3 : 0;
  } catch (e) {
    if (e instanceof NoBrowserError) {
      process.stderr.write(`audit: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`audit: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
