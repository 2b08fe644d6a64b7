// Generates src/api/schema.d.ts from the backend's committed contract, ../openapi.yaml, and nothing
// else: a backend change that breaks the frontend fails `npm run typecheck` (and so the build).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const contract = resolve(root, '../openapi.yaml');
const output = resolve(root, 'src/api/schema.d.ts');

if (!existsSync(contract)) {
  console.error('gen:api: ../openapi.yaml not found (run `python -m backend openapi` at the repository root)');
  process.exit(1);
}
// openapi-typescript reads JSON or YAML; parsing here first gives a clear error for a broken file.
const spec = parse(readFileSync(contract, 'utf8'));
// A file of this checkout's own: node_modules may be shared by several checkouts (git worktrees).
const cacheDir = resolve(root, 'node_modules/.cache');
mkdirSync(cacheDir, { recursive: true });
const input = resolve(cacheDir, `openapi-${process.pid}.json`);
writeFileSync(input, JSON.stringify(spec));

const bin = resolve(root, 'node_modules/.bin/openapi-typescript');
const result = spawnSync(bin, [input, '--output', output], { stdio: ['ignore', 'ignore', 'inherit'] });
rmSync(input, { force: true });
if (result.status === 0) console.log(`gen:api: wrote ${output.slice(root.length + 1)}`);
process.exit(result.status ?? 1);
