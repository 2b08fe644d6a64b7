// Generates src/api/schema.d.ts from the backend's committed contract, ../openapi.yaml.
//
// Stand-ins, each adding only the paths ../openapi.yaml does not have yet, with a warning naming each:
// - openapi.dev.yaml: hand-made descriptions (the public practitioner sign-up endpoints, at the time
//   of writing). Delete it once the backend contract has every path the frontend uses.
// - EXTRA_OPENAPI=/tmp/a.yaml:/tmp/b.yaml (development only): specs generated from other backend
//   branches (`python -m backend openapi --output /tmp/a.yaml`) before they are merged into main.
// Paths the real contract has always win. A schema a stand-in path references is added under its own
// name, or, when the contract already has a different schema of that name, under a suffixed name
// with the stand-in's references rewritten, so two branches' `RecommendationCreate` never collide.
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
const extraPaths = (process.env.EXTRA_OPENAPI ?? '').split(':').filter(Boolean);
for (const path of extraPaths) {
  if (!existsSync(path)) {
    console.error(`gen:api: EXTRA_OPENAPI names ${path}, which does not exist`);
    process.exit(1);
  }
}
const stand_ins = [
  ...extraPaths.map((path) => ({ path, spec: load(path) })),
  ...(existsSync(devPath) ? [{ path: 'openapi.dev.yaml', spec: load(devPath) }] : []),
];
const real = load(realPath);
if (!real && stand_ins.length === 0) {
  console.error('gen:api: neither ../openapi.yaml nor openapi.dev.yaml exists');
  process.exit(1);
}
if (!real) console.warn('gen:api: ../openapi.yaml not found, using the stand-ins only');

const spec = structuredClone(real ?? { openapi: '3.1.0', info: { title: 'stand-in', version: '0' }, paths: {} });
spec.paths ??= {};

/** Rewrites every `$ref: #/components/<kind>/<from>` in a value to `<to>`. */
function rewriteRefs(value, kind, from, to) {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, kind, from, to));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === '$ref' && v === `#/components/${kind}/${from}` ? `#/components/${kind}/${to}` : rewriteRefs(v, kind, from, to);
    }
    return out;
  }
  return value;
}

for (const { path: source, spec: raw } of stand_ins) {
  let extra = structuredClone(raw);
  const missing = Object.keys(extra.paths ?? {}).filter((p) => !(p in spec.paths));
  if (!missing.length) continue;
  console.warn(`gen:api: stand-in paths from ${source}, not yet in ../openapi.yaml:\n  ${missing.join('\n  ')}`);
  for (const kind of ['schemas', 'responses']) {
    const into = ((spec.components ??= {})[kind] ??= {});
    for (const [name, value] of Object.entries(extra.components?.[kind] ?? {})) {
      if (!(name in into) || JSON.stringify(into[name]) === JSON.stringify(value)) continue;
      let n = 2;
      while (`${name}${n}` in into || `${name}${n}` in extra.components[kind]) n += 1;
      extra = rewriteRefs(extra, kind, name, `${name}${n}`);
      extra.components[kind][`${name}${n}`] = extra.components[kind][name];
      delete extra.components[kind][name];
    }
    for (const [name, value] of Object.entries(extra.components?.[kind] ?? {})) into[name] ??= value;
  }
  for (const p of missing) spec.paths[p] = extra.paths[p];
}

const cacheDir = resolve(root, 'node_modules/.cache');
mkdirSync(cacheDir, { recursive: true });
const input = resolve(cacheDir, 'openapi.json');
writeFileSync(input, JSON.stringify(spec));

const bin = resolve(root, 'node_modules/.bin/openapi-typescript');
const result = spawnSync(bin, [input, '--output', output], { stdio: ['ignore', 'ignore', 'inherit'] });
if (result.status === 0) console.log(`gen:api: wrote ${output.slice(root.length + 1)}`);
process.exit(result.status ?? 1);
