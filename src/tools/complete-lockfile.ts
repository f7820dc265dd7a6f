// The npm registry these machines reach lacks some other-platform builds of native packages
// (e.g. @pagefind/darwin-x64@1.6.0), so `npm install` leaves them out of package-lock.json and
// `npm ci` then refuses the lock as out of sync. This adds an entry for each missing optional
// platform package, with the os/cpu/libc its name implies, so `npm ci` accepts the lock and simply
// skips those packages on Linux. Run after changing dependencies: node src/tools/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const OS = { android: 'android', darwin: 'darwin', linux: 'linux', win32: 'win32', windows: 'win32', freebsd: 'freebsd', wasm32: null };
const CPU = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', wasm32: 'wasm32' };

/** Platform fields implied by a package name like `compiler-binding-linux-arm64-musl`. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const out = {};
  for (const p of parts) {
    if (p in OS && OS[p]) out.os = [OS[p]];
    if (p in CPU) out.cpu = [CPU[p]];
    if (p === 'musl' || p === 'gnu') out.libc = [p === 'gnu' ? 'glibc' : 'musl'];
  }
  return out.cpu ? out : null;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `${path ? `${path}/` : ''}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (lock.packages[key] || lock.packages[hoisted]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[hoisted] = { version, ...platform, optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} missing platform entries`);
