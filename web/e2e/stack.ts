/**
 * Starts and stops the real local stack (`java -jar xmonitor.jar local`) for the browser tests.
 * The global setup starts it; a test may stop and restart it (same port and data directory);
 * the global teardown stops whichever process is current. Their shared state is a JSON file.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TARGET_DIR = path.join(WEB_DIR, 'target');
export const STATE_FILE = path.join(TARGET_DIR, 'e2e-stack.json');
export const SCREENSHOT_DIR = path.join(TARGET_DIR, 'screenshots');

export interface StackState {
  url: string;
  port: number;
  pid: number;
  key: string;
  jar: string;
  java: string;
  home: string;
  dataDir: string;
  webDir: string;
  log: string;
  /** More arguments for `xmonitor local` (e.g. --auth). */
  extraArgs?: string[];
}

export function readState(): StackState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as StackState;
}

export function writeState(state: StackState) {
  mkdirSync(TARGET_DIR, { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export function javaExecutable(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return false;
    const body = (await response.json()) as { ok?: boolean };
    return body.ok === true;
  } catch {
    return false;
  }
}

/**
 * Starts the stack and waits until it answers; with `demo`, until the demo data is applied
 * (the stack prints "Demo data accepted and applied" once the last batch is in the database).
 * The suite's main stack is recorded in STATE_FILE; another one (`persist: false`) is not.
 */
export async function startStack(
  state: Omit<StackState, 'pid'>,
  demo: boolean,
  // The demo month takes some seconds to load, and more on a busy machine.
  timeoutMs = 240_000,
  { persist = true }: { persist?: boolean } = {},
): Promise<StackState> {
  const args = ['-jar', state.jar, 'local', '--port', String(state.port), '--data-dir', state.dataDir, '--web-dir', state.webDir];
  if (demo) args.push('--demo');
  args.push(...(state.extraArgs ?? []));
  mkdirSync(state.home, { recursive: true });
  const logOffset = existsSync(state.log) ? readFileSync(state.log).length : 0;
  const out = openSync(state.log, 'a');
  const child = spawn(state.java, args, {
    stdio: ['ignore', out, out],
    env: { ...process.env, XMONITOR_HOME: state.home, XMONITOR_INGEST_SHARED_SECRET: state.key },
  });
  closeSync(out);
  let exited = null as number | null;
  child.on('exit', (code) => (exited = code ?? -1));
  child.unref();
  const started = { ...state, pid: child.pid! };
  if (persist) writeState(started);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new Error(`xmonitor local exited (${exited}) before it was ready; see ${state.log}:\n${readFileSync(state.log, 'utf8').slice(logOffset).slice(-2000)}`);
    }
    const log = readFileSync(state.log, 'utf8').slice(logOffset);
    if (/Demo data .*failed|Exception in thread/.test(log)) throw new Error(`xmonitor local failed; see ${state.log}:\n${log.slice(-2000)}`);
    if ((!demo || log.includes('Demo data accepted and applied')) && (await healthy(state.url))) return started;
    await sleep(250);
  }
  await stopStack(started.pid);
  throw new Error(`xmonitor local was not ready within ${timeoutMs / 1000} s; see ${state.log}`);
}

/** SIGTERM (the stack then stops cleanly, database included) and wait until it is gone. */
export async function stopStack(pid: number, timeoutMs = 60_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(200);
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(100);
  }
}
