/**
 * How student servers run. `bwrap`: each in its own bubblewrap sandbox (network, PID, mount namespaces), probed from
 * inside its network namespace, so students can run side by side. `none`: today's plain process (prlimit, process
 * group, `nobody`, token sweep) on the host's loopback, one student at a time.
 */
export type Isolation =
  | {
      kind: 'bwrap';
      /** python3 under /usr (the only part of the host the sandbox sees). */
      python: string;
      /** Root-only folder holding the sandbox's /etc and every student's copy. */
      workDir: string;
      etcDir: string;
    }
  | {
      kind: 'none';
      python: string;
      /** Where copies go: a folder `nobody` can reach. */
      copiesDir: string;
      /** Why there is no sandbox, for the summary and every feedback file. */
      warning: string;
    };
