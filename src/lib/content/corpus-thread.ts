/**
 * The thread of loadCorpusOnThread (./load-parallel.ts): reads and checks the whole content
 * folder, as loadCorpusParallel does, and sends back the authors, articles and pages as soon as
 * they are read (if without a problem), then the whole read.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadOptions } from './load.ts';
import { type CorpusThreadMessage, loadCorpusParallel } from './load-parallel.ts';

const send = (message: CorpusThreadMessage) => parentPort?.postMessage(message);
send({ corpus: await loadCorpusParallel(workerData as LoadOptions, (first) => send({ first })) });
