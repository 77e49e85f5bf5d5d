/**
 * A worker that lists an output folder (listOutput in scan.ts) and posts the
 * listing back, its numbers transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { listOutput } from './scan.js'

if (!parentPort) throw new Error('Internal error: scan-worker.js runs as a worker thread only')
const listing = listOutput(workerData as string)
parentPort.postMessage(listing, [listing.numbers.buffer as ArrayBuffer])
