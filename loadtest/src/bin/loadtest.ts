#!/usr/bin/env tsx
import { main } from '../cli/main.js';

const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY === true,
  onInterrupt: (handler) => process.on('SIGINT', handler),
  exit: (status) => process.exit(status),
});
process.exit(code);
