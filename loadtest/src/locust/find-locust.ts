import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { LoadtestError } from '../errors.js';

/** The first `locust` on PATH (Debian's /usr/bin/locust from python3-locust, or pip's). */
export function findLocust(path = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'locust');
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new LoadtestError(
    'LOADTEST_LOCUST_MISSING',
    'Locust is not on PATH; install it: sudo apt-get install python3-locust (Debian/Ubuntu) or pip install locust',
  );
}
