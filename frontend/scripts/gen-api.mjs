// Generates src/api/schema.d.ts from the backend's committed contract, ../openapi.yaml.
//
// Stand-in: paths in openapi.dev.yaml that ../openapi.yaml does not have yet (the public
// practitioner sign-up endpoints, at the time of writing) are added to it, with a warning
// naming each one. Schemas they reference are added only when the real contract lacks one of
// that name. Delete openapi.dev.yaml once the backend contract has every path the frontend uses.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const realPath = resolve(root, '../openapi.yaml');
const devPath = resolve(root, 'openapi.dev.yaml');
const output = resolve(root, 'src/api/schema.d.ts');

const load = (path) => (existsSync(path) ? parse(readFileSync(path, 'utf8')) : null);
const real = load(realPath);
const dev = load(devPath);
if (!real && !dev) {
  console.error('gen:api: neither ../openapi.yaml nor openapi.dev.yaml exists');
  process.exit(1);
}

let spec = real ?? dev;
if (!real) {
  console.warn('gen:api: ../openapi.yaml not found, using the stand-in openapi.dev.yaml only');
} else if (dev) {
  const missing = Object.keys(dev.paths ?? {}).filter((path) => !(path in (real.paths ?? {})));
  if (missing.length) {
    console.warn(`gen:api: stand-in paths from openapi.dev.yaml, not yet in ../openapi.yaml:\n  ${missing.join('\n  ')}`);
    spec = structuredClone(real);
    for (const path of missing) spec.paths[path] = dev.paths[path];
    for (const kind of ['schemas', 'responses']) {
      const into = ((spec.components ??= {})[kind] ??= {});
      for (const [name, value] of Object.entries(dev.components?.[kind] ?? {})) into[name] ??= value;
    }
  }
}

const cacheDir = resolve(root, 'node_modules/.cache');
mkdirSync(cacheDir, { recursive: true });
const input = resolve(cacheDir, 'openapi.json');
writeFileSync(input, JSON.stringify(spec));

const bin = resolve(root, 'node_modules/.bin/openapi-typescript');
const result = spawnSync(bin, [input, '--output', output], { stdio: ['ignore', 'ignore', 'inherit'] });
if (result.status === 0) console.log(`gen:api: wrote ${output.slice(root.length + 1)}`);
process.exit(result.status ?? 1);
