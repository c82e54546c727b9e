// Packs every package under packages/ (as `pnpm publish` would) and checks what a user installs:
// LICENSE, README and every `exports` target in the tarball; source maps that carry their sources
// (src/ is not shipped); license, engines and repository fields; @dlkit/core as a peer dependency.
// Run after `pnpm build`: `node tools/packages/check-packages.mjs` (part of `pnpm lint:packages`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url);
const rootPkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'dlkit-pack-'));
const problems = [];

/** Every file path an `exports` map points at. */
const targets = (entry) => (typeof entry === 'string' ? [entry] : Object.values(entry ?? {}).flatMap(targets));

for (const name of readdirSync(new URL('packages/', root))) {
  const dir = new URL(`packages/${name}/`, root);
  const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
  const fail = (what) => problems.push(`${pkg.name}: ${what}`);

  if (pkg.license !== 'MIT') fail(`license is ${pkg.license}, expected MIT`);
  if (pkg.engines?.node !== rootPkg.engines.node) fail(`engines.node is ${pkg.engines?.node}, expected ${rootPkg.engines.node} as at the root`);
  if (pkg.repository?.directory !== `packages/${name}` || !pkg.repository?.url) fail('repository needs url and directory');
  if (pkg.dependencies?.['@dlkit/core']) fail('@dlkit/core must be a peer dependency (two copies = two backend registries)');
  if (pkg.peerDependencies?.['@dlkit/core'] && !pkg.devDependencies?.['@dlkit/core']) fail('@dlkit/core peer needs a workspace devDependency');

  const out = join(work, name);
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: 'ignore' });
  const tarball = join(out, readdirSync(out)[0]);
  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  for (const required of ['LICENSE', 'README.md', 'package.json']) if (!files.includes(required)) fail(`${required} missing from the tarball`);
  for (const target of targets(pkg.exports)) if (!files.includes(target.replace(/^\.\//, ''))) fail(`exports target ${target} missing from the tarball`);
  for (const map of files.filter((f) => f.endsWith('.map'))) {
    const { sources = [], sourcesContent = [] } = JSON.parse(execFileSync('tar', ['xzf', tarball, '-O', `package/${map}`], { encoding: 'utf8' }));
    const missing = sources.filter((source, i) => typeof sourcesContent[i] !== 'string');
    if (missing.length > 0) fail(`${map} points at ${missing.length} source(s) it does not embed, e.g. ${missing[0]}`);
  }
  console.log(`${pkg.name}: ${files.length} files (${files.filter((f) => f.endsWith('.map')).length} self-contained maps)`);
}

rmSync(work, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(problems.map((p) => `  ✖ ${p}`).join('\n'));
  process.exit(1);
}
