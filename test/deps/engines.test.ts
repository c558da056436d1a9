// The Node.js we promise (package.json `engines`) is one every installed package supports: an `npm install` on the
// oldest Node we name must not warn EBADENGINE (issue 13: two dependencies wanted Node 22 while we said 20).
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };

it('every package in the lock file runs on the oldest Node.js that package.json promises', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;
  const refusing = Object.entries(lock.packages)
    .map(([path, p]) => [path, Array.isArray(p.engines) ? undefined : p.engines?.node] as const)
    .filter(([, wants]) => wants && !semver.satisfies(oldest, wants))
    .map(([path, wants]) => `${path} wants node ${wants}`);
  expect(refusing).toEqual([]);
  expect(semver.satisfies(process.version, pkg.engines.node), `this Node ${process.version} is outside ${pkg.engines.node}`).toBe(true);
});
