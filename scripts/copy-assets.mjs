// tsc emits only .js: copy the JSON data files (message catalogues, lexicons), the Lua scripts, the SQL migrations and the browser assets under
// public/ folders (console scripts and styles, the built widget) beside them in dist/.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if ((p.endsWith('.json') && !p.includes('tsconfig')) || p.endsWith('.lua') || p.endsWith('.sql') || p.split(/[\\/]/).includes('public')) {
      mkdirSync(dirname(join('dist', p)), { recursive: true });
      cpSync(p, join('dist', p));
    }
  }
}
for (const root of ['src', 'adapters', 'dialogs']) walk(root);
