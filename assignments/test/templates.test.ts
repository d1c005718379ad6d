import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { builtinSpec, builtinSpecIds, builtinSpecPath, specTemplateFiles } from '../src/index.js';
import { useTempDir } from './temp-dir.js';
import { checkProblems, parseReply, requestFor } from './http-check.js';
import { exchange, type RunningServer, startPythonServer } from './python-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const solution = (name: string) =>
  readFileSync(new URL(`fixtures/solutions/${name}`, import.meta.url), 'utf8');
const tmp = useTempDir('templates');
const servers: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function start(script: string, cwd: string): Promise<RunningServer> {
  const server = await startPythonServer(script, cwd);
  servers.push(server);
  return server;
}

/** Put code just before `if __name__ == '__main__':`, so its definitions replace the template's before main runs. */
function insertBeforeMain(file: string, code: string): void {
  const main = "\n\nif __name__ == '__main__':";
  writeFileSync(file, readFileSync(file, 'utf8').replace(main, code.trimEnd() + main));
}

/** A student's folder as they start it: the template, plus week 3's handler and www/ copied in (as the handouts say). */
function studentFolder(week: string): string {
  const dir = mkdtempSync(join(tmp, `${week}-`));
  cpSync(join(root, week, 'template'), dir, { recursive: true });
  cpSync(join(root, 'week3/template/www'), join(dir, 'www'), { recursive: true });
  cpSync(join(root, 'week3/template/http_handler.py'), join(dir, 'http_handler.py'));
  return dir;
}

describe('template code', () => {
  const pyFiles = builtinSpecIds.flatMap((id) =>
    readdirSync(join(root, id, 'template'))
      .filter((f) => f.endsWith('.py'))
      .map((f) => join(id, 'template', f)),
  );

  it.each(builtinSpecIds)('%s lists every .py file of its template folder as template code', (id) => {
    const listed = specTemplateFiles(builtinSpec(id), builtinSpecPath(id));
    const own = pyFiles.filter((f) => f.startsWith(`${id}/`)).map((f) => join(root, f));
    expect(listed.filter((f) => f.startsWith(join(root, id, 'template')))).toEqual(
      expect.arrayContaining(own),
    );
    expect(own.length).toBeGreaterThan(0);
  });

  it.each(['week5', 'week6'])('%s lists the week 3 handler its students copy in', (id) => {
    expect(specTemplateFiles(builtinSpec(id), builtinSpecPath(id))).toContain(
      join(root, 'week3/template/http_handler.py'),
    );
  });

  it.each(pyFiles)('%s compiles (python3 -m py_compile)', (file) => {
    const out = mkdtempSync(join(tmp, 'pyc-'));
    execFileSync('python3', [
      '-c',
      'import py_compile,sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)',
      join(root, file),
      join(out, 'x.pyc'),
    ]);
  });

  it('the week 3 helpers parse, resolve and build responses as the checks need', () => {
    const script = `
import json, os, sys
sys.path.insert(0, sys.argv[1])
import http_handler as h
r = h.build_response(200, 'héllo'.encode(), 'text/plain')
print(json.dumps({
  'ok': h.parse_request_line(b'GET /a.html HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n'),
  'one_word': h.parse_request_line(b'HELLO\\r\\n\\r\\n'),
  'four_words': h.parse_request_line(b'GET / HTTP/1.1 extra\\r\\n\\r\\n'),
  'no_crlf': h.parse_request_line(b'GET / HTTP/1.1'),
  'index': os.path.relpath(h.resolve_path('/'), h.WWW_ROOT),
  'query': os.path.relpath(h.resolve_path('/logo.png?v=2'), h.WWW_ROOT),
  'escape': h.resolve_path('/../../etc/passwd'),
  'types': [h.content_type_for(p) for p in ('a.html', 'a.css', 'a.js', 'a.png', 'a.jpg', 'a.jpeg', 'a.bin9')],
  'response': r.decode('latin1'),
}))`;
    const out = JSON.parse(
      // -B: importing from the repo must not leave __pycache__ in the template folder.
      execFileSync('python3', ['-B', '-c', script, join(root, 'week3/template')], { encoding: 'utf8' }),
    );
    expect(out.ok).toEqual(['GET', '/a.html', 'HTTP/1.1']);
    expect([out.one_word, out.four_words, out.no_crlf]).toEqual([null, null, null]);
    expect([out.index, out.query, out.escape]).toEqual(['index.html', 'logo.png', null]);
    expect(out.types).toEqual([
      'text/html; charset=utf-8',
      'text/css; charset=utf-8',
      'text/javascript; charset=utf-8',
      'image/png',
      'image/jpeg',
      'image/jpeg',
      'application/octet-stream',
    ]);
    const reply = parseReply(Buffer.from(out.response, 'latin1'));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-length')).toBe('6');
    expect(reply.body.toString('utf8')).toBe('héllo');
  });
});

describe('the spec checks are reachable from the templates (real servers on port 0)', () => {
  const httpEntries = (['week3', 'week5', 'week6'] as const).flatMap((week) => {
    const { code } = builtinSpec(week);
    return [code.entry!, ...code.extraEntries].map((entry) => [week, entry] as const);
  });

  it.each(httpEntries)(
    '%s %s: the template frames every reply; with handle_request written it passes every check',
    async (week, entry) => {
      const { checks } = builtinSpec(week);
      const dir = studentFolder(week);
      const replies = async (port: number) =>
        Promise.all(checks.map(async (c) => parseReply(await exchange(port, requestFor(c)))));

      const template = await start(entry, dir);
      // The starter answers 501 (400 for a malformed request line) with a correct Content-Length until the
      // student writes handle_request.
      const first = await replies(template.port);
      expect(first.map((r) => r.status)).toEqual(checks.map((c) => (c.status === 400 ? 400 : 501)));
      for (const r of first) expect(r.headers.get('content-length')).toBe(String(r.body.length));
      await template.stop();

      const handler = join(dir, 'http_handler.py');
      writeFileSync(handler, readFileSync(handler, 'utf8') + solution('handle_request.py'));
      const solved = await start(entry, dir);
      const problems = (await replies(solved.port)).map((reply, i) => checkProblems(checks[i]!, reply));
      expect(problems).toEqual(checks.map(() => []));
      const image = parseReply(await exchange(solved.port, 'GET /photo.jpg HTTP/1.1\r\n\r\n'));
      expect(image.body.equals(readFileSync(join(dir, 'www/photo.jpg')))).toBe(true);
    },
  );

  it.each([
    ['week5', 'multiprocess_server.py', 'dispatch_process.py'],
    ['week5', 'multithread_server.py', 'dispatch_thread.py'],
    ['week6', 'select_server.py', 'select_handlers.py'],
  ])(
    '%s %s, with its TODO done as the comments say, serves others while a client stalls',
    async (week, entry, done) => {
      const dir = studentFolder(week);
      writeFileSync(
        join(dir, 'http_handler.py'),
        readFileSync(join(dir, 'http_handler.py'), 'utf8') + solution('handle_request.py'),
      );
      insertBeforeMain(join(dir, entry), solution(done));
      const server = await start(entry, dir);
      // Half a request and then silence: a one-at-a-time server would wait on it forever.
      const stalled = connect({ host: '127.0.0.1', port: server.port }, () =>
        stalled.write('GET / HTTP/1.1\r\n'),
      );
      stalled.on('error', () => {});
      try {
        const { checks } = builtinSpec(week);
        const replies = await Promise.all(
          checks.map(async (c) => parseReply(await exchange(server.port, requestFor(c)))),
        );
        expect(replies.map((reply, i) => checkProblems(checks[i]!, reply))).toEqual(checks.map(() => []));
      } finally {
        stalled.destroy();
      }
    },
  );

  it('week 2: the template echoes short messages but fails the long check until the loop is written', async () => {
    const { tcpChecks } = builtinSpec('week2');
    const dir = mkdtempSync(join(tmp, 'week2-'));
    cpSync(join(root, 'week2/template'), dir, { recursive: true });
    const replies = async (port: number) =>
      Promise.all(
        tcpChecks.map(async (c) => (await exchange(port, c.send)).toString('utf8') === (c.expect ?? c.send)),
      );

    const template = await start('echo_server.py', dir);
    expect(await replies(template.port)).toEqual(tcpChecks.map((c) => Buffer.byteLength(c.send) <= 1024));
    await template.stop();

    insertBeforeMain(join(dir, 'echo_server.py'), solution('handle_client.py'));
    const solved = await start('echo_server.py', dir);
    expect(await replies(solved.port)).toEqual(tcpChecks.map(() => true));
  });
});

describe('week 2 attendance client', () => {
  it('sends "<studentid> <code>" and exits 0 only on OK (against a server speaking the attendance protocol)', async () => {
    const seen: string[] = [];
    const server = createServer((socket) => {
      socket.once('data', (d) => {
        const line = d.toString('utf8');
        seen.push(line);
        socket.end(line.trim().endsWith(' 6357') ? 'OK\n' : 'FAIL wrong code\n');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = join(root, 'week2/template/attendance_client.py');
    const run = (code: string) =>
      new Promise<{ status: number | null; out: string }>((resolve) => {
        execFile('python3', [client, '127.0.0.1', String(port), '2017123422', code], (err, out) =>
          resolve({ status: err ? (err.code as number) : 0, out }),
        );
      });
    try {
      expect(await run('6357')).toEqual({ status: 0, out: 'OK\n' });
      expect(await run('1111')).toEqual({ status: 1, out: 'FAIL wrong code\n' });
      expect(seen).toEqual(['2017123422 6357\n', '2017123422 1111\n']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('handout files', () => {
  it.each(builtinSpecIds)('%s has a README next to its spec', (id) => {
    const readme = readFileSync(join(dirname(builtinSpecPath(id)), 'README.md'), 'utf8');
    const spec = builtinSpec(id);
    expect(readme).toContain(`pnpm lab:${id}`);
    expect(readme).toContain(spec.report.name.replace('{studentId}', '<학번>').replace('{name}', '<이름>'));
    expect(readme).toContain('80%');
    expect(readme).toContain(String(spec.port));
    expect(readme).toContain(`${spec.deadline.slice(0, 10)} ${spec.deadline.slice(11, 16)} (KST, +09:00)`);
    for (const check of spec.checks.filter((c) => c.raw === undefined)) {
      expect(readme).toMatch(new RegExp(`(GET |\`)${check.path.replaceAll('.', '\\.')}[\`,]`));
    }
    for (const entry of [spec.code.entry, ...spec.code.extraEntries]) {
      expect(readme).toContain(`python3 ${entry}`);
    }
  });
});
