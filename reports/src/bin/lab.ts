#!/usr/bin/env tsx
import { main } from '../cli/main.js';
import { installExitHandlers } from '../process/cleanup.js';

// Servers and namespaces the lab started go with it, whether it ends normally, by Ctrl-C or by a crash.
installExitHandlers();
process.exitCode = await main(process.argv.slice(2));
