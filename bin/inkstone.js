#!/usr/bin/env node
// Entry point: runs the compiled CLI (npm ci runs `prepare`, which compiles TypeScript into .build/).
import { main } from '../.build/src/cli/main.js'

process.exitCode = await main(process.argv.slice(2))
