// End-to-end runner: plain node, playwright-core and Debian's Chromium.
//
//   node e2e/run.mjs            mocked tests (e2e/mocked/) against `vite preview`, API faked
//                               with page.route; then real-backend tests (e2e/tests/) against
//                               E2E_BASE_URL (default http://127.0.0.1:8000) if a server answers.
//   E2E_BASE_URL=... node e2e/run.mjs   as above, but the backend must answer (else failure).
//   node e2e/run.mjs --only=mocked|real [--no-build]
//   node e2e/run.mjs --file=review          only the test files whose name contains "review"
//
// A test file default-exports [{ name, run: async ({ page, baseURL, context }) => {} }].
// Closes with "N passed, N failed" (", N skipped").
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { startPreview } from './preview.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length);
const fileFilter = [...args].find((a) => a.startsWith('--file='))?.slice('--file='.length);
const counts = { passed: 0, failed: 0, skipped: 0 };

async function suites(folder) {
  const dir = resolve(here, folder);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.e2e.mjs') && (!fileFilter || f.includes(fileFilter)))
    .sort();
  const loaded = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    loaded.push({ file: `${folder}/${file}`, tests: mod.default });
  }
  return loaded;
}

async function runSuites(browser, folder, baseURL) {
  for (const { file, tests } of await suites(folder)) {
    for (const test of tests) {
      const context = await browser.newContext({ baseURL, ...(test.context ?? {}) });
      // Anything the Content-Security-Policy the backend sends blocked (an inline script or style) fails the test.
      const blocked = [];
      context.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) blocked.push(message.text());
      });
      const page = await context.newPage();
      const started = Date.now();
      try {
        await test.run({ page, context, baseURL });
        if (blocked.length) throw new Error(`blocked by the Content-Security-Policy:\n${blocked.join('\n')}`);
        counts.passed += 1;
        console.log(`✓ ${file} › ${test.name} (${Date.now() - started} ms)`);
      } catch (error) {
        counts.failed += 1;
        console.log(`✗ ${file} › ${test.name}\n${String(error?.stack ?? error).replace(/^/gm, '    ')}`);
      } finally {
        await context.close();
      }
    }
  }
}

async function countTests(folder) {
  return (await suites(folder)).reduce((n, s) => n + s.tests.length, 0);
}

// A busy machine can take several seconds over a backend's first answer: ask a few times before deciding
// nothing is there.
async function backendAnswers(url) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(10_000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return false;
}

const browser = await launchBrowser();
try {
  if (only !== 'real') {
    const preview = await startPreview({ build: !args.has('--no-build') });
    try {
      await runSuites(browser, 'mocked', preview.url);
    } finally {
      await preview.stop();
    }
  }
  if (only !== 'mocked') {
    const explicit = Boolean(process.env.E2E_BASE_URL);
    const baseURL = process.env.E2E_BASE_URL || 'http://127.0.0.1:8000';
    if (await backendAnswers(baseURL)) {
      await runSuites(browser, 'tests', baseURL);
    } else if (explicit) {
      counts.failed += 1;
      console.log(`✗ no backend answers at E2E_BASE_URL=${baseURL}`);
    } else {
      const n = await countTests('tests');
      counts.skipped += n;
      console.log(`- skipped ${n} real-backend test(s): nothing answers at ${baseURL} (set E2E_BASE_URL to require it)`);
    }
  }
} finally {
  await browser.close();
}

console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(counts.failed ? 1 : 0);
