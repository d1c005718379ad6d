import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { builtinSpecPath } from '@netlab/assignments';
import yazl from 'yazl';
import { GraderError } from '../errors.js';
import { writeFileAtomic } from '../outputs/atomic-write.js';

const run = promisify(execFile);

/** The netlab checkout this grader runs from: the bundle carries it to Gradescope. */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Tests, benches and CI are not needed to grade; everything else git tracks goes in. */
const LEFT_OUT = /(^|\/)(test|bench)\/|^\.github\/|^\.ci\//u;

/**
 * Gradescope builds the autograder image with setup.sh once (as root on its Ubuntu image) and runs run_autograder
 * for each submission in /autograder ("Autograder Specifications"). Both paths can be moved for a local trial:
 * AUTOGRADER_ROOT (default /autograder) and NETLAB_HOME (default $AUTOGRADER_ROOT/source/netlab).
 */
const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once while building the autograder image: Node 20, pnpm, python3 for the student's server,
# bubblewrap for its sandbox (the grader says so in the feedback when the image cannot use it), netlab's packages.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq ca-certificates curl gnupg python3 bubblewrap git
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y -qq nodejs
npm install -g pnpm@10
cd "\${NETLAB_HOME:-/autograder/source/netlab}"
pnpm install --frozen-lockfile
`;

function runAutograder(assignment: string): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission: netlab's ${assignment} checks on the submission, then results.json.
set -uo pipefail
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
NETLAB="\${NETLAB_HOME:-$ROOT/source/netlab}"
mkdir -p "$ROOT/results"
cd "$NETLAB" || exit 1
exec node --import tsx grader/src/bin/grader.ts autograde "$ROOT/submission" --assignment ${assignment} \\
  --metadata "$ROOT/submission_metadata.json" --results "$ROOT/results/results.json"
`;
}

/** Files of the checkout to carry, `/`-separated and relative to it. */
async function repoFiles(): Promise<string[]> {
  try {
    const { stdout } = await run('git', ['-c', 'safe.directory=*', '-C', REPO, 'ls-files', '-z'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.split('\0').filter((f) => f && !LEFT_OUT.test(f));
  } catch {
    throw new GraderError(
      'GRADER_INPUT_MISSING',
      `the autograder bundle is built from a git checkout of netlab; ${REPO} is not one (git ls-files failed)`,
    );
  }
}

/** `grader gradescope <week> --out autograder.zip`: setup.sh and run_autograder at the zip's root, netlab beside. */
export async function buildAutograderBundle(assignment: string, outZip: string): Promise<{ files: number }> {
  builtinSpecPath(assignment);
  const zip = new yazl.ZipFile();
  const mtime = new Date('2020-01-01T00:00:00Z');
  zip.addBuffer(Buffer.from(SETUP_SH), 'setup.sh', { mode: 0o100755, mtime });
  zip.addBuffer(Buffer.from(runAutograder(assignment)), 'run_autograder', { mode: 0o100755, mtime });
  const files = await repoFiles();
  for (const rel of files) {
    const data = await readFile(path.join(REPO, rel)).catch(() => null);
    if (data) zip.addBuffer(data, `netlab/${rel}`, { mtime });
  }
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    zip.outputStream
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', resolve)
      .on('error', reject);
  });
  zip.end();
  await done;
  await writeFileAtomic(outZip, Buffer.concat(chunks));
  return { files: files.length + 2 };
}
