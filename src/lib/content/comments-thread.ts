/**
 * The second thread of loadCorpusParallel (./load-parallel.ts): reads the comment folders it is
 * given, exactly as loadCorpus does, and sends back their comments and problems.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { authorCheck, readAuthors, readCommentFolders } from './load.ts';
import type { CommentJob, CommentResult } from './load-parallel.ts';
import { Reader } from './reader.ts';

const job = workerData as CommentJob;
const r = new Reader(job.opts);
// The authors are read again only to check `staff` ids; the main thread reports their problems.
const checkAuthor = authorCheck(r, readAuthors(r));
r.problems.length = 0;
const comments = readCommentFolders(r, job.folders, { valid: new Set(job.valid), files: new Set(job.files) }, checkAuthor);
const result: CommentResult = { comments, problems: r.problems };
parentPort?.postMessage(result);
