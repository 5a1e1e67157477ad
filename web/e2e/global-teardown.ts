import { existsSync, rmSync } from 'node:fs';
import { stopLeftAuthStack } from './auth';
import { STATE_FILE, readState, stopStack } from './stack';

export default async function globalTeardown() {
  await stopLeftAuthStack();
  if (!existsSync(STATE_FILE)) return;
  const state = readState();
  await stopStack(state.pid);
  rmSync(STATE_FILE, { force: true });
  if (process.env.XMONITOR_E2E_TMP) rmSync(process.env.XMONITOR_E2E_TMP, { recursive: true, force: true });
}
