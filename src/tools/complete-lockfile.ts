// The npm registry these machines reach lacks some other-platform builds of native packages
// (e.g. @pagefind/darwin-x64@1.6.0), so `npm install` leaves them out of package-lock.json and
// `npm ci` then refuses the lock as out of sync. This adds an entry for each missing optional
// platform package, with the os/cpu/libc its name implies, so `npm ci` accepts the lock and simply
// skips those packages on Linux. Run after changing dependencies: npm run lockfile:complete
import { readFileSync, writeFileSync } from 'node:fs';

const OS: Record<string, string | null> = {
  android: 'android',
  darwin: 'darwin',
  linux: 'linux',
  win32: 'win32',
  windows: 'win32',
  freebsd: 'freebsd',
  wasm32: null,
};
const CPU: Record<string, string> = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', wasm32: 'wasm32' };

/** The platform fields of a lockfile entry. */
interface Platform {
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

/** A package-lock.json entry, as far as this script reads it. */
interface LockEntry extends Platform {
  version?: string;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
}

/** Platform fields implied by a package name like `compiler-binding-linux-arm64-musl`. */
function platformOf(name: string): Platform | null {
  const parts = (name.split('/').pop() ?? '').split('-');
  const out: Platform = {};
  for (const p of parts) {
    const os = OS[p];
    const cpu = CPU[p];
    if (os) out.os = [os];
    if (cpu) out.cpu = [cpu];
    if (p === 'musl' || p === 'gnu') out.libc = [p === 'gnu' ? 'glibc' : 'musl'];
  }
  return out.cpu ? out : null;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
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
