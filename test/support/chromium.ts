/**
 * Debian's Chromium for the browser tests, driven by playwright-core (Playwright's own browser
 * download cannot work on the machines this project runs on). `npm test`'s set-up installs the
 * `chromium` package when it is missing and it runs as root; otherwise a browser test fails, saying
 * how to install it, rather than passing without a browser.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';

/** Where Chromium is: `$ARCHSPACE_CHROMIUM`, else Debian's `/usr/bin/chromium`, else `chromium` on the PATH. */
export function chromiumExecutable(): string {
  const named = process.env['ARCHSPACE_CHROMIUM'];
  if (named !== undefined && named !== '') {
    if (!existsSync(named)) throw new Error(`ARCHSPACE_CHROMIUM names ${named}, which does not exist`);
    return named;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  const path = found.stdout.trim().split('\n')[0];
  if (found.status === 0 && path !== undefined && path !== '') return path;
  throw new Error(
    'the dashboard tests need Chromium and none is installed: run the tests as root on Debian (`npm test` installs the `chromium` package then), or `apt-get install chromium`, or set ARCHSPACE_CHROMIUM to a Chromium executable',
  );
}

/** Starts headless Chromium (no sandbox: the tests may run as root in a container). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}
