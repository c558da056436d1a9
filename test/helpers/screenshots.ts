import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a test's screenshot goes: README's `docs/screenshots/` only when `UPDATE_SCREENSHOTS=1`
 * (so `npm test` never rewrites tracked files), a temp folder otherwise.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : join(tmpdir(), 'redress-screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
