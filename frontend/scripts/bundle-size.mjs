// Prints the gzipped size of the JS and CSS that the public sign-up page loads,
// and exits non-zero above the budget. Builds first unless --no-build is given.
//   node scripts/bundle-size.mjs [--no-build]
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const PAGE = 'src/public/SignUpPage.tsx';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, 'dist');
const manifestPath = resolve(dist, '.vite/manifest.json');

if (!process.argv.includes('--no-build') || !existsSync(manifestPath)) {
  const build = spawnSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entry || !manifest[PAGE]) {
  console.error(`bundle-size: manifest has no entry or no chunk for ${PAGE}`);
  process.exit(1);
}

/** Files a chunk needs before it runs: itself, its CSS, and its static imports, recursively. */
function collect(key, files = new Set(), seen = new Set()) {
  if (seen.has(key)) return files;
  seen.add(key);
  const chunk = manifest[key];
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) collect(imported, files, seen);
  return files;
}

const files = [...collect(PAGE, collect(entry))].sort();
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${file}`);
}
const staff = manifest['src/staff/StaffApp.tsx']?.file;
if (staff && files.includes(staff)) {
  console.error(`bundle-size: the sign-up page loads the staff app (${staff})`);
  process.exit(1);
}
const kb = total / 1024;
console.log(`Sign-up page JS+CSS: ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
process.exit(kb > BUDGET_KB ? 1 : 0);
