import { describe, expect, it } from '@jest/globals';
import { loopbackUrls, mayHoldUrl } from '../src/checks/loopback-urls.js';

describe('loopbackUrls: a load test target on this machine, in a report text or an OCR of a screenshot', () => {
  it.each<[string, string, string[]]>([
    ["Locust's header", 'HOST\nhttp://127.0.0.1:8080', ['http://127.0.0.1:8080']],
    ['localhost, any case', 'locust --host HTTP://LocalHost:8080 -u 50', ['http://localhost:8080']],
    ['0.0.0.0 is reached as this machine', 'Load test of http://0.0.0.0:8080', ['http://0.0.0.0:8080']],
    ['all of 127.0.0.0/8', 'https://127.1.2.3/', ['http://127.1.2.3']],
    ['IPv6 loopback', 'http://[::1]:8080/index.html', ['http://[::1]:8080']],
    ['OCR: comma for a dot', 'http://127.0.0,1:8080', ['http://127.0.0.1:8080']],
    ['OCR: letters for digits', 'http://127.O.0.l:8080', ['http://127.0.0.1:8080']],
    [
      'OCR: a misread scheme',
      'htp://127.0.0.1:8080 hitp://localhost:1',
      ['http://127.0.0.1:8080', 'http://localhost:1'],
    ],
    ['OCR: spaces around the scheme', 'http: //127.0.0.1:8080', ['http://127.0.0.1:8080']],
    [
      'once each, in order',
      'http://localhost:1 http://127.0.0.1:2 http://localhost:1',
      ['http://localhost:1', 'http://127.0.0.1:2'],
    ],
    ['another host', 'HOST http://10.200.1.2:8080', []],
    [
      'a host name that only starts like one',
      'http://localhost.example.com:8080 http://127.0.0.1.nip.io',
      [],
    ],
    ["a server's own bind address in quoted code", "server.bind(('0.0.0.0', 8080))\nHOST = '127.0.0.1'", []],
    ['the word loopback alone', '127.0.0.1(loopback)에서 측정', []],
  ])('%s', (_name, text, expected) => {
    expect(loopbackUrls(text)).toEqual(expected);
  });
});

describe('mayHoldUrl: whether a screen-size OCR is worth reading again enlarged', () => {
  it.each<[string, boolean]>([
    ['htp2127.0.0.1:808', true],
    ['repin27.0o1e0¢0 RUNNING', false],
    ['HOST http:/1O.200.1.2', true],
    ['localhost', true],
    ['Host status RP: FAILURE', true],
    ['0 20 40 60 80 100 second p50 p95 응답 시간', false],
  ])('%s → %s', (text, expected) => {
    expect(mayHoldUrl(text)).toBe(expected);
  });
});
