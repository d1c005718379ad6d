/**
 * The command line that runs `command args` so that it is killed (SIGKILL) when this process dies, even by
 * SIGKILL. `setpriv --pdeathsig KILL` asks the kernel for that signal, but a parent that died before it was
 * asked never sends it; so the shell that follows checks that its parent is still this process, and only then
 * execs the command — same pid throughout, so a process group or a pid the caller keeps stays right.
 * The signal comes when the spawning thread ends: call it from the main thread.
 */
export function dieWithParent(command: string, args: readonly string[]): [string, string[]] {
  const guard = '[ "$PPID" = "$0" ] || exit 125; exec "$@"';
  return [
    'setpriv',
    ['--pdeathsig', 'KILL', '--', '/bin/sh', '-c', guard, String(process.pid), command, ...args],
  ];
}
