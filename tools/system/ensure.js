'use strict';
// The Debian packages the tests need beside npm's: Chromium (rendering, axe-core), a CJK font (screenshots, charts)
// and LibreOffice Writer (bulletins are checked by converting them as an office would). Installed with apt when
// missing and we are root (CI and the project machines); otherwise the caller is told what to install.
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const PACKAGES = [
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { name: 'fonts-wqy-microhei', present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') },
  { name: 'libreoffice-writer-nogui', present: () => existsSync('/usr/bin/libreoffice') || existsSync('/usr/bin/soffice') },
];

function missingPackages() {
  return PACKAGES.filter((p) => !p.present()).map((p) => p.name);
}

/** Returns the packages still missing afterwards (empty when everything is there). */
function ensureSystemPackages({ log = console.log } = {}) {
  const missing = missingPackages();
  if (!missing.length) return [];
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    log(`system packages missing: ${missing.join(' ')} (install them with apt-get as root)`);
    return missing;
  }
  log(`system packages: installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  if (update.status !== 0) log('apt-get update failed; trying the install with the lists we have');
  try {
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  } catch (e) {
    log(`apt-get install failed: ${e.message}`);
  }
  return missingPackages();
}

module.exports = { ensureSystemPackages, missingPackages };

if (require.main === module) {
  const left = ensureSystemPackages();
  process.exitCode = left.length ? 1 : 0;
}
