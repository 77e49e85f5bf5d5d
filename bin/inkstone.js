#!/usr/bin/env node
// Entry point: runs the compiled CLI (npm ci runs `prepare`, which compiles TypeScript into .build/),
// from its bundle when that is current (see src/bundles.ts), else from the modules.
import { setFlagsFromString } from 'node:v8'
import { currentBundle } from '../.build/src/bundles.js'

// Most builds change a few files: they are over before V8's optimizing compiler (TurboFan) pays for what it
// costs both cores. So it starts off, and the build turns it back on as soon as it finds large work
// (onLargeWork in src/cli/main.ts and src/build.ts). Whether it pays: tests/bench/README.md.
if (process.argv[2] === 'build') setFlagsFromString('--no-opt')

const { main } = await import(currentBundle('cli') ?? '../.build/src/cli/main.js')
process.exitCode = await main(process.argv.slice(2))
