import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { loadSpecFile, parseSpec, specTemplateFiles } from '../src/index.js';
import { errorOf } from './error-of.js';

/** A valid spec but for its `report` field, to test report problems alone. */
const everythingButReport =
  'id: x\ntitle: t\ndeadline: "2019-10-31T23:59:00Z"\npoints: 1\ncode: {}\nrubric: {server: 0, report: 1, code: 0}\n';
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/specs/${name}`, import.meta.url));

describe('a spec that cannot be used gives one line naming the file, the field and the fix', () => {
  it.each([
    ['missing-deadline.yaml', 'deadline: required: ISO 8601 with an offset, e.g. 2019-10-31T23:59:00+09:00'],
    ['bad-deadline.yaml', 'deadline: must be ISO 8601 with an offset, e.g. 2019-10-31T23:59:00+09:00'],
    ['rubric-sum.yaml', 'rubric: server + report + code must add up to 1 (they add up to 0.9)'],
    ['checks-without-port.yaml', 'port: required when checks are given'],
    ['not-a-mapping.yaml', '(top level): must be a mapping of spec fields (id, title, deadline'],
  ])('%s', (file, expected) => {
    const err = errorOf(() => loadSpecFile(fixture(file)));
    expect(err.code).toBe('GRADER_SPEC_INVALID');
    expect(err.kind).toBe('invalid');
    expect(err.message).not.toContain('\n');
    expect(err.message).toContain(`${file}: `);
    expect(err.message).toContain(expected);
  });

  it('reports every problem at once, joined with "; "', () => {
    const err = errorOf(() => loadSpecFile(fixture('several-problems.yaml')));
    expect(err.problems).toEqual([
      'deadline: must be ISO 8601 with an offset, e.g. 2019-10-31T23:59:00+09:00',
      'points: must be a number of points, e.g. 10',
      'report.name: must end in .pdf: only PDF reports are graded, e.g. CN_6_{studentId}_{name}.pdf',
      'checks[0].path: must start with "/"',
      'latePenaltyPerday: unknown field "latePenaltyPerday", did you mean latePenaltyPerDay?',
    ]);
    expect(err.message).toBe(`${err.source}: ${err.problems.join('; ')}`);
    expect(err.message).not.toContain('\n');
  });

  it('checks the concurrency block and its rubric part', () => {
    const base =
      'id: x\ntitle: t\ndeadline: "2019-10-31T23:59:00Z"\npoints: 1\nport: 8080\ncode: {entry: s.py}\nreport: {name: "R_{studentId}.pdf"}\n';
    const err = errorOf(() =>
      parseSpec(
        `${base}concurrency: {stalledClients: 0, timeoutMs: 1.5}\nrubric: {server: 0.5, report: 0.3, code: 0.1, concurrency: 0.1}\n`,
        'x.yaml',
      ),
    );
    expect(err.problems).toEqual([
      'concurrency.stalledClients: must be at least 1 client',
      'concurrency.timeoutMs: must be a whole number of milliseconds, e.g. 2000',
    ]);
    const missing = errorOf(() =>
      parseSpec(`${base}rubric: {server: 0.5, report: 0.3, code: 0.1, concurrency: 0.1}\n`, 'x.yaml'),
    );
    expect(missing.problems).toEqual([
      'rubric.concurrency: must be 0 without a concurrency block (or add one, see assignments/README.md)',
    ]);
    const sum = errorOf(() =>
      parseSpec(`${base}rubric: {server: 0.5, report: 0.3, code: 0.1, concurrency: 0.05}\n`, 'x.yaml'),
    );
    expect(sum.problems).toContain(
      'rubric: server + report + code + concurrency + load must add up to 1 (they add up to 0.95)',
    );
  });

  it('checks the load block and its rubric part', () => {
    const base =
      'id: x\ntitle: t\ndeadline: "2019-10-31T23:59:00Z"\npoints: 1\nport: 8080\ncode: {entry: s.py}\nreport: {name: "R_{studentId}.pdf"}\n';
    const err = errorOf(() =>
      parseSpec(
        `${base}checks: [{path: /, status: 200}]\nload: {users: 0, spawnRate: 5, duration: 5 seconds, thresholds: {}}\nrubric: {server: 0.5, report: 0.3, code: 0.1, load: 0.1}\n`,
        'x.yaml',
      ),
    );
    expect(err.problems).toEqual([
      'load.users: must be at least 1 user',
      'load.duration: must be a duration such as 5s, 500ms or 1m30s',
      'load.thresholds: must set at least one of maxFailureRatio, p95Ms, minRps',
    ]);
    const missing = errorOf(() =>
      parseSpec(`${base}rubric: {server: 0.5, report: 0.3, code: 0.1, load: 0.1}\n`, 'x.yaml'),
    );
    expect(missing.problems).toEqual([
      'rubric.load: must be 0 without a load block (or add one, see assignments/README.md)',
    ]);
  });

  it('a missing nested mapping names the fields it needs', () => {
    const err = errorOf(() =>
      parseSpec('id: x\ntitle: t\ndeadline: "2019-10-31T23:59:00Z"\npoints: 1\n', 'x.yaml'),
    );
    expect(err.problems).toEqual([
      'code: required: a mapping with glob, entry, extraEntries, template, language',
      'report: required: a mapping with name, sections, minImages',
      'rubric: required: a mapping with server, report, code, concurrency, load, reportNamePenalty, loopbackPenalty',
    ]);
  });

  it('a report name with a misspelt placeholder is refused', () => {
    const err = errorOf(() =>
      parseSpec(`${everythingButReport}report: {name: "CN_6_{studentId}_{student_name}.pdf"}\n`, 'x.yaml'),
    );
    expect(err.problems).toEqual([
      'report.name: may only use the placeholders {studentId} and {name}, e.g. CN_6_{studentId}_{name}.pdf',
    ]);
  });

  it('an unknown field with no near name lists the allowed ones', () => {
    const err = errorOf(() =>
      parseSpec(`${everythingButReport}report: {name: "{studentId}.pdf", colour: red}\n`, 'x.yaml'),
    );
    expect(err.problems).toEqual([
      'report.colour: unknown field "colour"; allowed: name, sections, minImages',
    ]);
  });
});

describe('syntax errors name the line', () => {
  it('malformed YAML', () => {
    const err = errorOf(() => loadSpecFile(fixture('malformed.yaml')));
    expect(err.kind).toBe('syntax');
    expect(err.message).toMatch(
      /malformed\.yaml: line \d+, column \d+: invalid YAML \(.+\); fix the YAML syntax$/,
    );
    expect(err.message).not.toContain('\n');
  });

  it('malformed JSON (the trailing comma before line 5)', () => {
    const err = errorOf(() => loadSpecFile(fixture('malformed.json')));
    expect(err.kind).toBe('syntax');
    expect(err.message).toMatch(
      /malformed\.json: line 5, column 1: invalid JSON \(.+\); fix the JSON syntax$/,
    );
  });

  it('a YAML alias bomb is refused, not expanded', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`,
      );
    }
    const err = errorOf(() => parseSpec(lines.join('\n'), 'bomb.yaml'));
    expect(err.kind).toBe('syntax');
    expect(err.message).toMatch(/^bomb\.yaml: invalid YAML/);
  });
});

describe('files that are not there', () => {
  it('a missing spec file names the file and the built-in ids', () => {
    const err = errorOf(() => loadSpecFile(fixture('no-such-spec.yaml')));
    expect(err.kind).toBe('not-found');
    expect(err.message).toMatch(
      /no-such-spec\.yaml: no such spec file; built-in specs: week2, week3, week5, week6/,
    );
  });

  it('a folder is not a spec file', () => {
    const err = errorOf(() => loadSpecFile(fixture('')));
    expect(err.kind).toBe('not-found');
    expect(err.message).toMatch(/specs: cannot read the spec file \(EISDIR\); built-in specs: /);
  });

  it('a template folder stands for every file under it, in name order', () => {
    const path = fixture('template-folder.yaml');
    expect(specTemplateFiles(loadSpecFile(path), path)).toEqual([
      fixture('starter-folder/client.py'),
      fixture('starter-folder/lib/util.py'),
      fixture('starter-folder/server.py'),
      fixture('starter.py'),
    ]);
  });

  it('a missing template file names code.template[i] and where it looked', () => {
    const path = fixture('missing-template.yaml');
    const err = errorOf(() => specTemplateFiles(loadSpecFile(path), path));
    expect(err.problems).toEqual([
      `code.template[1]: no such file ${fixture('no-such-starter.py')}; template paths are relative to the spec file`,
    ]);
  });
});
