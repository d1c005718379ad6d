/**
 * The host is this machine's loopback (127.0.0.0/8, ::1, localhost): traffic to it never crosses a network
 * card. Takes a host name, a bracketed IPv6 literal, or a URL.
 */
export function isLoopback(hostOrUrl: string): boolean {
  let name = hostOrUrl;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostOrUrl)) name = new URL(hostOrUrl).hostname;
  name = name.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
