import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDashboardAssets } from './find-dashboard-assets.js';

describe('findDashboardAssets', () => {
  it("gives the dashboard package's dist folder when the package resolves, else undefined", () => {
    const found = findDashboardAssets();
    if (found === undefined) return; // the package is not a dependency (yet): the server shows the "not built" page
    expect(basename(found)).toBe('dist');
    expect(existsSync(join(dirname(found), 'package.json'))).toBe(true);
  });
});
