import { Writable } from 'node:stream';

/** A stderr for the lab's `main` that resolves `url` once it prints `web view: URL`. */
export function webViewStderr(): { err: Writable; url: Promise<string>; text: () => string } {
  let stderr = '';
  let announced: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    announced = resolve;
  });
  const err = new Writable({
    write(chunk, _enc, done) {
      stderr += chunk;
      const m = /web view: (\S+)/.exec(stderr);
      if (m) announced(m[1]!);
      done();
    },
  });
  return { err, url, text: () => stderr };
}
