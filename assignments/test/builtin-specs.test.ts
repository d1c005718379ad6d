import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  builtinSpec,
  builtinSpecIds,
  builtinSpecPath,
  builtinSpecText,
  loadSpecFile,
  specTemplateFiles,
  templateWwwRoot,
} from '../src/index.js';
import { errorOf } from './error-of.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir('builtin');

describe.each(builtinSpecIds)('built-in spec %s', (id) => {
  const spec = builtinSpec(id);

  it('parses, with its id and an ISO deadline in Korean time', () => {
    expect(spec.id).toBe(id);
    expect(spec.deadline).toMatch(/^2019-\d\d-\d\dT23:59:00\+09:00$/);
    expect(Number.isNaN(Date.parse(spec.deadline))).toBe(false);
  });

  it('follows the course rules: 10 points, 10% a day, 80% similarity, a PDF named CN_<N>_{studentId}_{name}', () => {
    expect(spec.points).toBe(10);
    expect(spec.latePenaltyPerDay).toBe(0.1);
    expect(spec.similarityThreshold).toBe(0.8);
    expect(spec.reviewThreshold).toBeLessThan(spec.similarityThreshold);
    expect(spec.report.name).toBe(`CN_${id.replace('week', '')}_{studentId}_{name}.pdf`);
  });

  it('accepts Korean and English headings for goal, code and results', () => {
    const all = spec.report.sections.flat();
    for (const heading of ['과제 목표', '과제목표', 'Goal', '코드 설명', 'Code', '실행 결과', 'Results']) {
      expect(all).toContain(heading);
    }
    expect(spec.report.sections).toHaveLength(3);
  });

  it('names template files that exist, relative to the spec file, including the entry point', () => {
    const files = specTemplateFiles(spec, builtinSpecPath(id));
    expect(files.length).toBe(spec.code.template.length);
    for (const file of files) expect(existsSync(file)).toBe(true);
    const names = files.map((f) => f.split('/').at(-1));
    expect(names).toContain(spec.code.entry);
    for (const extra of spec.code.extraEntries) expect(names).toContain(extra);
  });

  it('prints as YAML that, saved anywhere, loads to the same spec and still finds the templates', () => {
    const dir = mkdtempSync(join(tmp, `${id}-`));
    const file = join(dir, 'my.yaml');
    writeFileSync(file, builtinSpecText(id, dir));
    const copy = loadSpecFile(file);
    expect({ ...copy, code: { ...copy.code, template: [] } }).toEqual({
      ...spec,
      code: { ...spec.code, template: [] },
    });
    expect(specTemplateFiles(copy, file)).toEqual(specTemplateFiles(spec, builtinSpecPath(id)));
  });
});

describe('pnpm grader spec <id> > my.yaml', () => {
  it('rewrites template paths for the shell directory pnpm was started from (INIT_CWD)', () => {
    const shellDir = mkdtempSync(join(tmp, 'shell-'));
    const saved = process.env.INIT_CWD;
    process.env.INIT_CWD = shellDir;
    try {
      writeFileSync(join(shellDir, 'my.yaml'), builtinSpecText('week5'));
    } finally {
      if (saved === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = saved;
    }
    const file = join(shellDir, 'my.yaml');
    expect(specTemplateFiles(loadSpecFile(file), file)).toEqual(
      specTemplateFiles(builtinSpec('week5'), builtinSpecPath('week5')),
    );
  });
});

describe('the HTTP weeks (3, 5, 6) check what the grader and pnpm lab:week3 report', () => {
  it.each(['week3', 'week5', 'week6'])(
    '%s: /, index.html, 404 page, MIME types, Content-Length, 400',
    (id) => {
      const { checks, port } = builtinSpec(id);
      expect(port).toBe(8080);
      const byPath = (path: string) => checks.find((c) => c.path === path && c.raw === undefined);
      expect(byPath('/')).toMatchObject({ status: 200, contentType: 'text/html', contentLength: true });
      expect(byPath('/index.html')).toMatchObject({ status: 200, contentType: 'text/html' });
      expect(checks.find((c) => c.status === 404)?.bodyContains).toBeTruthy();
      const types = checks.map((c) => c.contentType);
      for (const type of ['text/css', 'text/javascript', 'image/png', 'image/jpeg'])
        expect(types).toContain(type);
      expect(checks.find((c) => c.raw !== undefined)).toMatchObject({ status: 400 });
    },
  );

  it.each(['week3', 'week5', 'week6'])(
    '%s: every path expected to succeed exists in the template site, the 404 one does not',
    (id) => {
      const site = (path: string) => join(templateWwwRoot(), path === '/' ? 'index.html' : path);
      for (const check of builtinSpec(id).checks.filter((c) => c.raw === undefined)) {
        expect({ path: check.path, exists: existsSync(site(check.path)) }).toEqual({
          path: check.path,
          exists: check.status === 200,
        });
      }
      expect(existsSync(join(templateWwwRoot(), 'notfound.html'))).toBe(true);
    },
  );

  it('week 2 checks the echo server over raw TCP, including a message longer than one recv(1024)', () => {
    const { checks, tcpChecks, port } = builtinSpec('week2');
    expect(checks).toEqual([]);
    expect(port).toBe(50007);
    expect(Math.max(...tcpChecks.map((c) => Buffer.byteLength(c.send)))).toBeGreaterThan(1024);
  });
});

describe('unknown built-in ids', () => {
  it.each([
    ['builtinSpec', () => builtinSpec('week7'), 'week7: no such built-in spec'],
    ['builtinSpecPath', () => builtinSpecPath('../week6'), '../week6: no such built-in spec'],
    ['builtinSpecText', () => builtinSpecText(''), '(empty name): no such built-in spec'],
  ])('%s names the id and the available ones in one line', (_name, call, start) => {
    const err = errorOf(call);
    expect(err.message).toBe(
      `${start}; built-in specs: week2, week3, week5, week6 (or pass a spec file with --spec)`,
    );
    expect(err.code).toBe('GRADER_SPEC_INVALID');
    expect(err.kind).toBe('not-found');
  });
});
