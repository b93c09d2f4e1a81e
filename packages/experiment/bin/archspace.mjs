#!/usr/bin/env node
// The `archspace` command: runs the compiled CLI (build with `npm run build` first).
import '../dist/cli/main.js';
