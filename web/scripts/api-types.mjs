// The API's TypeScript types, generated from docs/openapi.v1.yaml into src/api/openapi.gen.ts.
// `node scripts/api-types.mjs` writes them; `--check` (run by the build) fails when the committed
// file differs from what the contract generates, naming the command that brings it up to date.
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const web = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const spec = path.join(web, '..', 'docs', 'openapi.v1.yaml');
const target = path.join(web, 'src', 'api', 'openapi.gen.ts');
const header = '// Generated from docs/openapi.v1.yaml by `npm run api-types`; do not edit by hand.\n';

const generated = header + astToString(await openapiTS(pathToFileURL(spec)));
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below like any difference
  }
  if (committed !== generated) {
    console.error(`${path.relative(web, target)} does not match docs/openapi.v1.yaml: run "npm run api-types" and commit the result`);
    process.exit(1);
  }
  console.log(`${path.relative(web, target)} matches docs/openapi.v1.yaml`);
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${path.relative(web, target)}`);
}
