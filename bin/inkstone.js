#!/usr/bin/env node
// Entry point: runs the compiled CLI (npm ci runs `prepare`, which compiles TypeScript into .build/),
// from its bundle when that is current (see src/bundles.ts), else from the modules.
import { setFlagsFromString } from 'node:v8'
import { currentBundle } from '../.build/src/bundles.js'

// Most builds change a few files: they are over before V8's optimizing compiler (TurboFan) pays for what it
// costs both cores. So it starts off, and the build turns it back on as soon as it finds large work
// (onLargeWork in src/cli/main.ts and src/build.ts). Whether it pays: tests/bench/README.md.
if (process.argv[2] === 'build') setFlagsFromString('--no-opt')

// An exception or rejection nothing caught is a bug in Inkstone (exit code 3, see src/cli/main.ts), never the
// exit code 1 of content errors.
const bug = (error) => {
  process.stderr.write(`inkstone: internal error (a bug in Inkstone, not in your site): ${error?.stack ?? error}\nPlease report it with this message. Exit code 3.\n`)
  process.exit(3)
}
process.on('uncaughtException', bug)
process.on('unhandledRejection', bug)
const { main } = await import(currentBundle('cli') ?? '../.build/src/cli/main.js')
process.exitCode = await main(process.argv.slice(2))
