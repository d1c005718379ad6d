import { describe, expect, it } from '@jest/globals';
import {
  buildResult,
  exportLocustfile,
  locustPlan,
  parseScenario,
  renderHtml,
  renderTable,
} from '../src/index.js';
import { Recorder } from '../src/recorder.js';

/** A 3-second run made by hand: 10 ms answers, then a 500 and a refusal in the last second. */
function handMade() {
  const start = 1_700_000_000_000;
  const r = new Recorder(start);
  r.setUsers(2, start);
  for (let i = 0; i < 30; i++) {
    const sent = start + i * 90;
    r.success(r.endpoint('GET', '/'), sent, sent, sent + 10, 100);
  }
  r.failure(r.endpoint('GET', '/'), 'status', 'HTTP 500', start + 2500, start + 2490, 2);
  r.failure(
    r.endpoint('GET', '/'),
    'refused',
    'ECONNREFUSED: connection refused',
    start + 2600,
    start + 2600,
    2,
  );
  return buildResult(r, {
    target: 'http://127.0.0.1:8080/<x>',
    startedAt: new Date(start).toISOString(),
    durationSec: 3,
    wallSec: 3,
    arrivalRate: null,
    users: 2,
    spawnRate: 1,
    engine: 'lenient',
    stoppedBy: 'time',
    generatorNote: null,
  });
}

describe('views', () => {
  it("the table has Locust's columns, failures by kind and the first failure", () => {
    const text = renderTable(handMade());
    expect(text.split('\n')[0]).toMatch(
      /^Type\s+Name\s+# Requests\s+# Fails\s+Median \(ms\)\s+90%ile \(ms\)\s+Average \(ms\)\s+Min \(ms\)\s+Max \(ms\)\s+Average size \(bytes\)\s+Current RPS\s+Current Failures\/s$/,
    );
    expect(text).toMatch(/Aggregated\s+32\s+2\s+10\s+10/);
    expect(text).toContain('failures by kind: refused 1, status 1');
    expect(text).toContain('30 succeeded = 10.0 req/s, 2 failed');
    expect(text).toMatch(/first failure: a request sent at 2\.5 s with 2 users \(status, known at 2\.5 s/);
  });

  it('the HTML page is self-contained, escaped, with the four charts (failures by kind among them) and the first failure marked', () => {
    const html = renderHtml(handMade());
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toContain('http://127.0.0.1:8080/&lt;x&gt;');
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('first failing request sent');
    expect(html).toContain('First failure: a request sent at');
  });

  it('the timeline has one point per second with running totals', () => {
    const { timeline } = handMade();
    expect(timeline.map((p) => [p.second, p.users, p.failures, p.total?.requests])).toEqual([
      [0, 2, 0, 11],
      [1, 2, 0, 23],
      [2, 2, 2, 32],
    ]);
  });

  it('export-locust turns weights, bodies and expected statuses into a locustfile', () => {
    const scenario = parseScenario(
      '- { path: /a, weight: 2 }\n- { method: put, path: /b, expectStatus: [204] }\n',
    );
    const py = exportLocustfile(locustPlan({ tasks: scenario.tasks, wait: [1, 2] }));
    expect(py).toContain('wait_time = between(1, 2)');
    expect(py).toContain('@task(2)');
    expect(py).toContain('self.client.request("GET", "/a", timeout=10)');
    expect(py).toContain('if response.status_code in [204]:');
  });
});
