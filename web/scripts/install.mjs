// `npm ci`, unless node_modules already holds what it would install: the build runs this, and a
// clean install takes ten seconds each time. A stamp written after a successful `npm ci` records
// package.json, the lock file, Node's version and the platform it installed for; any change
// installs afresh (and `npm ci` still refuses a package.json its lock file does not match).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stamp = path.join(web, 'node_modules', '.installed-lock');
const wanted = createHash('sha256')
  .update(readFileSync(path.join(web, 'package.json')))
  .update(readFileSync(path.join(web, 'package-lock.json')))
  .update(`\n${process.version} ${process.platform} ${process.arch}`)
  .digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
  console.log('node_modules is what package-lock.json installs: npm ci skipped');
} else {
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: web, stdio: 'inherit', shell: process.platform === 'win32' });
  if (npm.status !== 0) process.exit(npm.status ?? 1);
  writeFileSync(stamp, wanted);
}
