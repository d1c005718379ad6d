import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import {
  AssignmentSpec,
  builtinSpec,
  builtinSpecIds,
  builtinSpecPath,
  detectFormat,
  loadSpecFile,
  parseSpec,
} from '../src/index.js';
import { errorOf } from './error-of.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir('formats');

describe('YAML and JSON specs', () => {
  it.each(builtinSpecIds)('%s as JSON loads to the same spec as the YAML', (id) => {
    const json = JSON.stringify(parse(readFileSync(builtinSpecPath(id), 'utf8')), null, 2);
    const file = join(tmp, `${id}.json`);
    writeFileSync(file, json);
    expect(loadSpecFile(file)).toEqual(builtinSpec(id));
  });

  it('without a telling extension, the content decides', () => {
    const yamlText = readFileSync(builtinSpecPath('week3'), 'utf8');
    const jsonText = JSON.stringify(parse(yamlText));
    expect(detectFormat('spec', jsonText)).toBe('json');
    expect(detectFormat('spec.txt', yamlText)).toBe('yaml');
    expect(detectFormat('spec.YML', jsonText)).toBe('yaml');
    const file = join(tmp, 'week3-spec');
    writeFileSync(file, jsonText);
    expect(loadSpecFile(file)).toEqual(builtinSpec('week3'));
  });

  it('fills defaults the spec leaves out', () => {
    const spec = loadSpecFile(new URL('fixtures/specs/valid-minimal.yaml', import.meta.url).pathname);
    expect(spec).toMatchObject({
      latePenaltyPerDay: 0.1,
      similarityThreshold: 0.8,
      reviewThreshold: 0.5,
      graceMinutes: 0,
      checks: [],
      tcpChecks: [],
      code: { glob: '**/*.py', language: 'python', extraEntries: [] },
      report: { sections: [], minImages: 0 },
      rubric: { reportNamePenalty: 0.1 },
    });
    expect(spec.port).toBeUndefined();
  });
});

describe('Unicode', () => {
  it('a UTF-8 BOM (Windows Notepad) is ignored, in JSON and YAML', () => {
    const yamlText = readFileSync(builtinSpecPath('week3'), 'utf8');
    const jsonFile = join(tmp, 'bom.json');
    const yamlFile = join(tmp, 'bom.yaml');
    writeFileSync(jsonFile, `\uFEFF${JSON.stringify(parse(yamlText))}`);
    writeFileSync(yamlFile, `\uFEFF${yamlText}`);
    expect(loadSpecFile(jsonFile)).toEqual(builtinSpec('week3'));
    expect(loadSpecFile(yamlFile)).toEqual(builtinSpec('week3'));
  });

  it('a spec saved as CP949 is refused with the fix, not loaded with mangled Hangul', () => {
    const file = join(tmp, 'cp949.yaml');
    // "title: 과제" in CP949, the default encoding of Korean Windows editors
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('title: '), Buffer.from([176, 250, 193, 166]), Buffer.from('\n')]),
    );
    const err = errorOf(() => loadSpecFile(file));
    expect(err.kind).toBe('syntax');
    expect(err.message).toMatch(/cp949\.yaml: not UTF-8 text; save the spec as UTF-8 \(not CP949\/EUC-KR\)$/);
  });

  it('NFD Hangul from a macOS editor comes out NFC, in values and keys', () => {
    const nfd = (s: string) => s.normalize('NFD');
    const text = readFileSync(builtinSpecPath('week6'), 'utf8').normalize('NFD');
    expect(text).not.toBe(text.normalize('NFC'));
    const spec = parseSpec(text, nfd('주차6.yaml'));
    expect(spec).toEqual(builtinSpec('week6'));
    expect(spec.report.sections[0]).toContain('과제 목표');
    expect(spec.title).toBe(spec.title.normalize('NFC'));
  });

  it('a key with a line break still gives a one-line message', () => {
    const err = errorOf(() => parseSpec('{"id": "x", "bad\\nkey": 1}', 'odd\nname.json'));
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(err.message).toContain('odd name.json: ');
    expect(err.message).toContain('unknown field "bad\\nkey"');
  });

  it('an NFD file name is reported in NFC', () => {
    const err = errorOf(() => parseSpec('id: [', '주차6.yaml'.normalize('NFD')));
    expect(err.source).toBe('주차6.yaml');
    expect(err.message.startsWith('주차6.yaml: ')).toBe(true);
  });

  it('an NFD field name is matched after normalising', () => {
    const base = readFileSync(builtinSpecPath('week6'), 'utf8');
    // A Hangul key is not a spec field, but it must be reported as the NFC text the user typed.
    const err = errorOf(() => parseSpec(`${base}\n${'비고'.normalize('NFD')}: x\n`, 'week6.yaml'));
    expect(err.problems).toEqual([
      `비고: unknown field "비고"; allowed: ${Object.keys(AssignmentSpec.shape).join(', ')}`,
    ]);
    expect(err.message).not.toContain('비고'.normalize('NFD'));
  });
});
