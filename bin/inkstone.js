#!/usr/bin/env node
// Entry point: runs the compiled CLI (npm ci runs `prepare`, which compiles TypeScript into .build/),
// from its bundle when that is current (see src/bundles.ts), else from the modules.
import { currentBundle } from '../.build/src/bundles.js'

const { main } = await import(currentBundle('cli') ?? '../.build/src/cli/main.js')
process.exitCode = await main(process.argv.slice(2))
