// tests/fixtures/views.json is the views.json the dashboard's e2e test opens. It is what `audit views`
// would write for viewsFixture() (real report builder, real difference computation): this test keeps
// the committed file in step with the code. UPDATE_FIXTURES=1 npx vitest run tests/unit/cli/views-fixture.test.ts
// rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseViewsFile } from '../../../src/model/views';
import { viewsFixture } from '../../fixtures/views-file';
import { ROOT } from '../helpers';

const FILE = join(ROOT, 'tests/fixtures/views.json');

describe('the dashboard’s views.json fixture', () => {
  it('is what the views code writes, and valid', () => {
    const now = JSON.stringify(viewsFixture(), null, 2) + '\n';
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(FILE, now);
    expect(readFileSync(FILE, 'utf8')).toBe(now);
    expect(parseViewsFile(now).differences.map((d) => d.topic)).toEqual(['price', 'trackers', 'consent', 'content']);
  });
});
