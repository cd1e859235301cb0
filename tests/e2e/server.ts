// Starts and stops the real `omzien-server` for end-to-end tests: a free port, its own
// SQLite database, the built app from dist/ and the seed catalogue from data/.
//
//   const server = await startServer();            // fresh database in a temp dir
//   await page.goto(server.url + '/activiteiten');
//   await server.stop();                            // SIGTERM, waits for the exit
//   const again = await startServer({ dbPath: server.dbPath });   // same database
//   const copy = await startServer({ distDir: '/tmp/…/dist' });    // serve another build
//   const full = await startServer({ dataDir: copyDataDir(edit) }); // another catalogue
//   const faulty = await startServer({ env: { OMZIEN_TEST_FAULTS: 'hang-push-after-commit=1' } });
//   await faulty.kill();                                          // SIGKILL, waits for the exit
//   await startServer({ dbPath: faulty.dbPath, port: faulty.port }); // same origin, same data

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

const HEALTH_TIMEOUT_MS = 15_000;
const HEALTH_POLL_MS = 100;
const STOP_TIMEOUT_MS = 10_000;

export interface ServerOptions {
  /** SQLite file to use; a fresh one in a new temp dir when absent. */
  dbPath?: string;
  /** Port on 127.0.0.1; a free one when absent. */
  port?: number;
  /** The built app to serve (OMZIEN_DIST); the repository's dist/ when absent. */
  distDir?: string;
  /**
   * The seed catalogue (OMZIEN_DATA); the repository's data/ when absent. The server
   * imports it only into a new database, so pair it with a fresh `dbPath`.
   */
  dataDir?: string;
  /** More environment for the server, e.g. `{ OMZIEN_TEST_FAULTS: '…' }`; wins over the defaults. */
  env?: Record<string, string>;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  /** The SQLite file: pass it to `startServer` again to restart on the same data. */
  dbPath: string;
  /** The temp dir this call made for the database, if it made one. */
  tempDir: string | undefined;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Everything the server wrote to stdout so far: its log (RUST_LOG=warn unless `env` says otherwise). */
  stdout(): string;
  /** SIGTERM, then waits until the process has exited (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /**
   * SIGKILL at once: a crash, as far as the app can tell. Resolves once the process is
   * gone, so the port is free for a new server.
   */
  kill(): Promise<void>;
}

export function serverBinary(): string {
  const fromEnv = process.env.OMZIEN_SERVER_BIN;
  if (fromEnv) return path.resolve(repoRoot, fromEnv);
  return path.join(repoRoot, 'target', 'release', 'omzien-server');
}

/** A port that was free a moment ago: bind to port 0, read it, let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not read the port of a probe socket'));
        return;
      }
      const { port } = address;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const binary = serverBinary();
  if (!existsSync(binary)) {
    throw new Error(
      `no server binary at ${binary}: build it with \`cargo build --release -p omzien-server\` ` +
        'or set OMZIEN_SERVER_BIN',
    );
  }
  const dist = path.resolve(opts.distDir ?? path.join(repoRoot, 'dist'));
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`no built app at ${dist}/index.html: build the PWA first`);
  }

  const port = opts.port ?? (await freePort());
  let tempDir: string | undefined;
  let dbPath = opts.dbPath;
  if (dbPath === undefined) {
    tempDir = mkdtempSync(path.join(tmpdir(), 'omzien-e2e-'));
    dbPath = path.join(tempDir, 'omzien.db');
  }
  dbPath = path.resolve(dbPath);

  const child = spawn(binary, [], {
    cwd: repoRoot,
    env: {
      ...process.env,
      OMZIEN_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite://${dbPath}`,
      OMZIEN_DIST: dist,
      OMZIEN_DATA: path.resolve(opts.dataDir ?? path.join(repoRoot, 'data')),
      RUST_LOG: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  // Read as it comes, so a chatty server never blocks on a full pipe.
  let stdout = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (hasExited(child)) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!hasExited(child)) child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  const kill = async (): Promise<void> => {
    if (!hasExited(child)) child.kill('SIGKILL');
    await exited;
  };

  try {
    await waitForHealth(url, child, () => spawnError);
  } catch (error) {
    await kill();
    await exited;
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`omzien-server did not become healthy at ${url}: ${reason}\n--- stderr ---\n${stderr}`);
  }

  return { url, port, dbPath, tempDir, stderr: () => stderr, stdout: () => stdout, stop, kill };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  spawnError: () => Error | undefined,
): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const error = spawnError();
    if (error) throw error;
    if (hasExited(child)) {
      throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      const response = await fetch(`${url}/api/v1/health`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.status === 200) return;
      last = `health answered ${response.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  throw new Error(`no 200 from /api/v1/health within ${HEALTH_TIMEOUT_MS / 1000} s (${last})`);
}

/** Removes a temp dir that `startServer` made (after the last server on it stopped). */
export function removeTempDir(server: Pick<RunningServer, 'tempDir'>): void {
  if (server.tempDir) rmSync(server.tempDir, { recursive: true, force: true });
}

/** An activity as data/activities.json holds it: only what tests change is named. */
export interface DataActivity {
  id: string;
  capacity: number | null;
  [field: string]: unknown;
}

/**
 * A temp copy of data/ whose activities `edit` may change (e.g. a capacity), for
 * `startServer({ dataDir })`. Remove it with `rmSync(dir, { recursive: true })`.
 *
 *   const dataDir = copyDataDir((activities) => {
 *     activityIn(activities, 'senver-wandelen').capacity = 1;
 *   });
 */
export function copyDataDir(edit: (activities: DataActivity[]) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'omzien-e2e-data-'));
  cpSync(path.join(repoRoot, 'data'), dir, { recursive: true });
  const file = path.join(dir, 'activities.json');
  const activities = JSON.parse(readFileSync(file, 'utf8')) as DataActivity[];
  edit(activities);
  writeFileSync(file, JSON.stringify(activities, null, 2) + '\n');
  return dir;
}

/** The activity with this id, for `copyDataDir`'s edit; throws when there is none. */
export function activityIn(activities: DataActivity[], id: string): DataActivity {
  const activity = activities.find((a) => a.id === id);
  if (!activity) throw new Error(`no activity ${id} in data/activities.json`);
  return activity;
}

/**
 * A staff account in a test server's database, made with the real CLI
 * (`omzien-server user add … --password-stdin`), as the README tells an operator to.
 *
 *   await addUser(server.dbPath, 'anna@example.nl', 'coordinator', 'een lang wachtwoord');
 *
 * An organiser keeps one or more organisations' activities: Senver's unless named.
 */
export function addUser(
  dbPath: string,
  email: string,
  role: string,
  password: string,
  organisations: string[] = role === 'organiser' ? ['senver'] : [],
): void {
  const args = ['user', 'add', '--email', email, '--role', role, '--password-stdin'];
  for (const organisation of organisations) args.push('--organisation', organisation);
  const result = spawnSync(serverBinary(), args, {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: `sqlite://${path.resolve(dbPath)}`, RUST_LOG: 'warn' },
    input: `${password}\n`,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`omzien-server user add failed (${result.status}): ${result.stderr}${result.stdout}`);
  }
}
