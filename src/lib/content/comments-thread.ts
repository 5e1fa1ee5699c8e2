/**
 * The second thread of loadCorpusParallel (./load-parallel.ts): reads the comment folders it is
 * given, as loadCorpus does, and sends back each folder's problems and comments; the first thread
 * decides, once it has read the articles, which folders name one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { authorCheck, commentFiles, readAuthors, readCommentFiles } from './load.ts';
import type { CommentJob, FolderResult } from './load-parallel.ts';
import { Reader } from './reader.ts';

const job = workerData as CommentJob;
const r = new Reader(job.opts);
// The authors are read again only to check `staff` ids; the main thread reports their problems.
const checkAuthor = authorCheck(r, readAuthors(r));
r.problems.length = 0;
const results: FolderResult[] = [];
for (const folder of job.folders) {
  const files = commentFiles(r, folder);
  const nestedProblems = r.problems.splice(0);
  const comments = readCommentFiles(r, folder, files, checkAuthor);
  results.push({ folder, fileCount: files.length, nested: nestedProblems, comments, problems: r.problems.splice(0) });
}
parentPort?.postMessage(results);
