import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCREENSHOT_DIR, TARGET_DIR, WEB_DIR, freePort, javaExecutable, startStack } from './stack';

export default async function globalSetup() {
  const webDir = path.join(WEB_DIR, 'dist');
  if (!existsSync(path.join(webDir, 'index.html'))) {
    throw new Error(`${webDir}/index.html is missing: run "npm run build" before "npm run e2e"`);
  }
  const jar = path.resolve(WEB_DIR, process.env.XMONITOR_JAR ?? '../tools/target/xmonitor.jar');
  if (!existsSync(jar)) throw new Error(`no xmonitor jar at ${jar}: build it, or set XMONITOR_JAR`);
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  mkdirSync(TARGET_DIR, { recursive: true });
  const log = path.join(TARGET_DIR, 'xmonitor-local.log');
  writeFileSync(log, '');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'xmonitor-e2e-'));
  const port = await freePort();
  const state = await startStack(
    {
      url: `http://127.0.0.1:${port}`,
      port,
      key: `e2e-${Math.random().toString(36).slice(2)}`,
      jar,
      java: javaExecutable(),
      home: path.join(tmp, 'home'),
      dataDir: path.join(tmp, 'data'),
      webDir,
      log,
    },
    true,
  );
  process.env.XMONITOR_E2E_TMP = tmp;
  console.log(`xmonitor local is up at ${state.url} (pid ${state.pid}, log ${state.log})`);
}
