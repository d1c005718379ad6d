#!/usr/bin/env tsx
import { main } from '../cli/main.js';

// Exit explicitly: every child and thread is reaped by now, and nothing else should keep us alive.
process.exit(await main(process.argv.slice(2)));
