import { isLoopback } from '@netlab/kit';

/**
 * A load test's target is a URL with a scheme: Locust's header prints `HOST http://…`, `--host` needs the scheme,
 * and netlab's pages name `http://…`. Requiring it keeps a server's own `bind(('0.0.0.0', 8080))` or
 * `HOST = '127.0.0.1'` quoted in a report from counting. OCR misreads the scheme (`htp`, `hitp`, `htlp`), adds
 * spaces and loses a slash; the pattern takes those too.
 */
const URL_HOST = /h\s?[it]{1,2}\s?[tl]?\s?p\s?s?\s?[:;]\s?\/\/?\s?([\w.,:[\]-]+)/giu;

/** OCR reads `127.0.0.1` as `127.0.0,1`, `127.O.0.1` or `127.0.0.l`; a host made of digits and dots takes them back. */
function repairDigits(host: string): string {
  const fixed = host.replaceAll(',', '.');
  if (!/^[\dOoIl|.]+$/u.test(fixed)) return fixed;
  return fixed.replace(/[Oo]/gu, '0').replace(/[Il|]/gu, '1');
}

/** Host and port of a URL token: `127.0.0.1:8080` → [`127.0.0.1`, `8080`], `[::1]:80` → [`::1`, `80`]. */
function hostAndPort(token: string): [string, string] {
  const bracketed = /^\[([^\]]*)\](?::(\d+))?/u.exec(token);
  if (bracketed) return [bracketed[1] ?? '', bracketed[2] ?? ''];
  const [host = '', port = ''] = token.split(':');
  return [host.replace(/\.+$/u, ''), /^\d+/u.exec(port)?.[0] ?? ''];
}

/** Whether a host is this machine: localhost, 127.0.0.0/8, ::1, or 0.0.0.0 (which a client reaches as this machine). */
export function isLocalTarget(host: string): boolean {
  return host === '0.0.0.0' || isLoopback(host);
}

/** Every URL in the text whose host is this machine, as `http://host:port` (repaired for OCR), in order, once each. */
export function loopbackUrls(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.normalize('NFKC').matchAll(URL_HOST)) {
    const [raw, port] = hostAndPort(match[1] ?? '');
    const host = repairDigits(raw).toLowerCase();
    if (!isLocalTarget(host)) continue;
    found.add(`http://${host.includes(':') ? `[${host}]` : host}${port ? `:${port}` : ''}`);
  }
  return [...found];
}

/**
 * Whether OCR text read at screen size has something a URL could have been misread from (a scheme-like word, a
 * dotted number, `localhost`, the `HOST` label Locust's header and netlab's report put beside it): only then is the image worth a second, enlarged and four times slower reading.
 */
export function mayHoldUrl(text: string): boolean {
  return /h\w{0,3}p\s?s?\s?[:;]|local|host|\d+\s?[.,]\s?\d+\s?[.,]\s?\d+/iu.test(text.normalize('NFKC'));
}
