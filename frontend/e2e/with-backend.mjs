// `make test`'s end-to-end step: the real backend serving this build, then e2e/run.mjs against it.
//
//   node e2e/with-backend.mjs [run.mjs options, e.g. --no-build]
//
// Installs Debian's Chromium if /usr/bin/chromium is missing; starts `python -m backend run` on a free
// port with a throw-away SQLite database (migrated and seeded with the demo partnership) and the
// worker off; waits for /readyz; runs the tests with E2E_BASE_URL set; stops the backend; exits with
// the runner's status. E2E_PYTHON overrides the interpreter (default: the repository's .venv);
// E2E_BACKEND_DIR runs another checkout's backend (e.g. a branch not merged yet) with this build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(process.env.E2E_BACKEND_DIR || resolve(frontend, '..'));
const python = process.env.E2E_PYTHON || join(repo, '.venv/bin/python');

if (!process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) {
  console.log('with-backend: /usr/bin/chromium is missing; installing Debian’s chromium');
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  const apt = spawnSync('sh', ['-c', `${sudo}apt-get update && ${sudo}apt-get install -y chromium`], { stdio: 'inherit' });
  if (apt.status !== 0) process.exit(apt.status ?? 1);
}
if (!existsSync(join(frontend, 'dist/index.html'))) {
  console.error('with-backend: frontend/dist is missing; run `npm run build` first');
  process.exit(1);
}
if (!existsSync(python)) {
  console.error(`with-backend: no Python at ${python} (run \`make .venv/.installed\` or set E2E_PYTHON)`);
  process.exit(1);
}

const port = await new Promise((done, fail) => {
  const server = createServer();
  server.once('error', fail);
  server.listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => done(free));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'sr-e2e-'));
const logPath = join(dir, 'backend.log');
const log = openSync(logPath, 'a');
const baseURL = `http://127.0.0.1:${port}`;
const backend = spawn(python, ['-m', 'backend', 'run', '--port', String(port)], {
  cwd: repo,
  env: {
    ...process.env,
    DATABASE_URL: `sqlite:///${join(dir, 'e2e.db')}`,
    RUN_WORKER_IN_PROCESS: 'false',
    FRONTEND_DIST: join(frontend, 'dist'),
    FRONTEND_URL: baseURL,
  },
  stdio: ['ignore', log, log],
  detached: true,
});
let exited = false;
backend.on('exit', () => (exited = true));

function stop() {
  if (!exited && backend.pid) {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

async function ready() {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited) return false;
    try {
      const response = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

let status = 1;
try {
  if (!(await ready())) {
    console.error(`with-backend: the backend did not become ready at ${baseURL}/readyz. Its log:\n${readFileSync(logPath, 'utf8')}`);
  } else {
    console.log(`with-backend: backend ready at ${baseURL}`);
    const runner = spawnSync(process.execPath, [join(frontend, 'e2e/run.mjs'), ...process.argv.slice(2)], {
      cwd: frontend,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: baseURL },
    });
    status = runner.status ?? 1;
    if (status !== 0) console.log(`with-backend: backend log kept at ${logPath}`);
  }
} finally {
  stop();
  if (status === 0) rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
