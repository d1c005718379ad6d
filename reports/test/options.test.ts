import { describe, expect, it } from '@jest/globals';
import { LabError } from '../src/errors.js';
import { parseLabArgs } from '../src/cli/lab-args.js';
import { reportFileName } from '../src/report/report-name.js';

const fails = (week: string, argv: string[]) => {
  try {
    parseLabArgs(week, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return (error as LabError).message;
  }
  throw new Error(`accepted ${week} ${argv.join(' ')}`);
};

describe('lab flags', () => {
  it('defaults per week', () => {
    expect(parseLabArgs('week6', []).models).toEqual([
      'single',
      'multiprocess',
      'prefork',
      'multithread',
      'threadpool',
      'select',
    ]);
    expect(parseLabArgs('week5', []).models).toEqual(['single', 'multiprocess', 'multithread']);
    expect(parseLabArgs('week6', [])).toMatchObject({
      week: 6,
      quick: false,
      out: 'lab-out/week6',
      student: null,
      netns: null,
    });
  });

  it('reads every flag', () => {
    const o = parseLabArgs('week6', [
      '--quick',
      '--models',
      'select, prefork',
      '--out',
      '/tmp/x',
      '--student',
      '2017123422',
      '--name',
      '배수현'.normalize('NFD'),
      '--server',
      'python3 select_server.py',
      '--port',
      '8080',
      '--netns',
      '--delay',
      '2ms',
      '--rate',
      '1gbit',
    ]);
    expect(o).toMatchObject({
      quick: true,
      models: ['select', 'prefork'],
      out: '/tmp/x',
      server: { command: 'python3 select_server.py', port: 8080 },
      netns: { delay: '2ms', rate: '1gbit' },
    });
    expect(o.student!.name).toBe('배수현'.normalize('NFC'));
  });

  it.each([
    [['--models', 'single,fork'], 'unknown model "fork"'],
    [['--student', '1'], '--student and --name go together'],
    [['--server', 'python3 s.py'], '--server needs --port'],
    [['--port', '80'], '--port goes with --server'],
    [['--target', 'http://127.0.0.1:1', '--server', 'x', '--port', '1'], 'not both'],
    [['--target', 'ftp://x'], '--target must be a URL'],
    [['--delay', '2ms'], '--delay and --rate need --netns'],
    [['--netns', '--rate', 'fast'], '--rate fast: give a rate'],
    [['--models', 'none'], 'nothing to test'],
    [['--bogus'], 'unknown flag --bogus (see --help)'],
  ])('rejects %j with a message naming it', (argv, message) => {
    expect(fails('week6', argv)).toContain(message);
  });

  it('reports every problem at once', () => {
    const message = fails('week6', ['--models', 'x', '--port', '99999']);
    expect(message).toContain('unknown model "x"');
    expect(message).toContain('--port goes with --server');
  });

  it('names the weeks it knows', () => {
    expect(fails('week4', [])).toContain('use week2, week3, week5 or week6');
  });
});

describe('report file name', () => {
  it.each([
    [6, { id: '2017123422', name: '배수현' }, 'CN_6_2017123422_배수현.pdf'],
    [3, { id: '2017123422', name: '배수현'.normalize('NFD') }, 'CN_3_2017123422_배수현.pdf'],
    [5, { id: ' 20/17 ', name: 'Kim Min:su' }, 'CN_5_2017_Kim_Minsu.pdf'],
    [2, null, 'CN_2_report.pdf'],
  ] as const)('week %p %j → %s', (week, student, name) => {
    const file = reportFileName(week, student);
    expect(file).toBe(name.normalize('NFC'));
    expect(file.normalize('NFC')).toBe(file);
  });
});
