import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { runLoad } from '../src/index.js';
const port = 41000 + Math.floor(Math.random() * 1000);
writeFileSync(
  '/tmp/lt-prof/nginx.conf',
  `daemon off; worker_processes 1; pid /tmp/lt-prof/nginx.pid; error_log /tmp/lt-prof/error.log;
events { worker_connections 4096; } http { access_log off; keepalive_requests 1000000; server { listen 127.0.0.1:${port}; location / { return 200 "hello\\n"; } } }`,
);
const child = spawn('nginx', ['-c', '/tmp/lt-prof/nginx.conf', '-p', '/tmp/lt-prof'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
for (let i = 0; i < 3; i++)
  for (const engine of ['lenient', 'autocannon'] as const) {
    const r = await runLoad({
      host: `http://127.0.0.1:${port}`,
      users: 50,
      spawnRate: 10000,
      runTimeSec: 2,
      engine,
    });
    console.log(engine, r.rps, r.responseTime.p50);
  }
child.kill();
