import { fileURLToPath } from 'node:url';

/** A file of the project's shared material, which sits beside the checkout (`../shared/`), as on every machine and in CI. */
export function sharedData(path: string): string {
  return fileURLToPath(new URL(`../../../shared/data/${path}`, import.meta.url));
}
