/** What one sandboxed server run needs; every path but `copyDir` and `etcDir` is as seen inside the sandbox. */
export interface BwrapPlan {
  /** The student's private copy, mounted read-write at /sandbox. */
  copyDir: string;
  /** Folder of the entry inside the copy ('' for the top). */
  cwd: string;
  /** The grader's minimal /etc (SANDBOX_ETC), mounted read-only. */
  etcDir: string;
  python: string;
  entry: string;
  env: Record<string, string>;
  uid: number;
  /** File descriptor bwrap writes its JSON (child pid, namespaces) to. */
  infoFd: number;
}

export const SANDBOX_ROOT = '/sandbox';

/**
 * bubblewrap's argv: new network (loopback only), PID, IPC and UTS namespaces; a filesystem of /usr read-only, a
 * private /proc, /dev and /tmp, the grader's minimal /etc and the student's own copy, nothing else of the host.
 * `--die-with-parent` ends the sandbox with the grader; the PID namespace ends every process in it with its first.
 * The student's code runs as `uid` with no groups: setpriv drops root before python starts. The options go to bwrap
 * through a pipe (`--args`), the command on its command line.
 */
export function bwrapArgs(p: BwrapPlan): { options: string[]; command: string[] } {
  const env = Object.entries(p.env).flatMap(([k, v]) => ['--setenv', k, v]);
  const options = [
    '--unshare-net',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--hostname',
    'sandbox',
    '--die-with-parent',
    '--ro-bind',
    '/usr',
    '/usr',
    '--symlink',
    'usr/bin',
    '/bin',
    '--symlink',
    'usr/sbin',
    '/sbin',
    '--symlink',
    'usr/lib',
    '/lib',
    '--symlink',
    'usr/lib64',
    '/lib64',
    // The folder, not its files one by one: bwrap would make /etc itself 0700, closed to the student's uid.
    '--ro-bind',
    p.etcDir,
    '/etc',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    // A private /tmp the student's uid can write, as on any machine (bwrap's tmpfs is 0755 otherwise).
    '--perms',
    '1777',
    '--tmpfs',
    '/tmp',
    '--bind',
    p.copyDir,
    SANDBOX_ROOT,
    '--chdir',
    p.cwd ? `${SANDBOX_ROOT}/${p.cwd}` : SANDBOX_ROOT,
    '--clearenv',
    ...env,
    '--info-fd',
    String(p.infoFd),
  ];
  const command = [
    '/usr/bin/setpriv',
    `--reuid=${p.uid}`,
    `--regid=${p.uid}`,
    '--clear-groups',
    '--',
    p.python,
    '-u',
    p.entry,
  ];
  return { options, command };
}

/** The sandbox's /etc: loopback names resolve from files alone (students bind 'localhost'), uid 65534 has a name. */
export const SANDBOX_ETC: Record<string, string> = {
  'nsswitch.conf': 'passwd: files\ngroup: files\nhosts: files\n',
  hosts: '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n',
  passwd: 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/sandbox:/usr/sbin/nologin\n',
  group: 'root:x:0:\nnogroup:x:65534:\n',
};
