import { Worker } from 'node:worker_threads';
import type { Problem } from '../problems.ts';
import { beginCorpus, type Corpus, finishCorpus, type LoadOptions, namesNoArticle, readCommentFolders } from './load.ts';
import type { Comment } from './model.ts';
import { Reader } from './reader.ts';

/** Below this many comment folders a second thread costs more than it saves. */
const PARALLEL_FROM = 200;
/**
 * Share of the comment folders the second thread reads. It starts at once; this thread first
 * reads the authors and articles (a tenth of the files at 10,000 articles), then its share.
 */
const THREAD_SHARE = 0.55;

/** What the comment thread is given: the load options and its folders. */
export interface CommentJob {
  opts: LoadOptions;
  folders: string[];
}

/** One folder as the thread read it: problems about its sub-folders, then its comments and their problems. */
export interface FolderResult {
  folder: string;
  fileCount: number;
  nested: Problem[];
  comments: Comment[];
  problems: Problem[];
}

/**
 * Runs `file` (a module of this folder) on a thread of its own with `data`. `onMessage` sees each
 * message it sends and calls `done` with the result; a thread that fails or stops first rejects,
 * naming `what` it was doing.
 */
function onThread<M, T>(file: string, what: string, data: unknown, onMessage: (message: M, done: (result: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(file, import.meta.url), { workerData: data });
    worker.on('message', (message: M) => onMessage(message, resolve));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the ${what} thread stopped with exit code ${code}`));
    });
  });
}

function readOnThread(job: CommentJob): Promise<FolderResult[]> {
  return onThread('./comments-thread.ts', 'comment-reading', job, (result: FolderResult[], done) => done(result));
}

/** The authors, articles and pages of a read still under way, with no problem found in them. */
export type FirstFiles = Pick<Corpus, 'authors' | 'articles' | 'pages'>;

/** What corpus-thread.ts sends: the first files as soon as they are read, then the whole read. */
export type CorpusThreadMessage = { first: FirstFiles } | { corpus: Corpus };

/**
 * loadCorpusParallel on a thread of its own, so this thread can get on with other work while
 * the folder is read: the same result, handed over as a structured clone. `onFirstFiles` hears
 * of the authors, articles and pages once they are read without a problem, before the comments.
 */
export function loadCorpusOnThread(opts: LoadOptions, onFirstFiles?: (first: FirstFiles) => void): Promise<Corpus> {
  return onThread('./corpus-thread.ts', 'content-reading', opts, (message: CorpusThreadMessage, done: (corpus: Corpus) => void) => {
    if ('first' in message) onFirstFiles?.(message.first);
    else done(message.corpus);
  });
}

/**
 * loadCorpus, with part of the comment folders read on a second thread from the start: the same
 * result (the same comments and problems, in the same order) in less time. Whether a folder names
 * an article is decided here, once the articles are read. For `npm run check`, and for a build
 * through loadCorpusOnThread. `onFirstFiles`: as there.
 */
export async function loadCorpusParallel(opts: LoadOptions, onFirstFiles?: (first: FirstFiles) => void): Promise<Corpus> {
  const listing = new Reader(opts);
  const early = listing.entries(listing.dir('comments')).dirs;
  const split = Math.floor(early.length * (1 - THREAD_SHARE));
  const other = early.length >= PARALLEL_FROM ? readOnThread({ opts, folders: early.slice(split) }) : undefined;
  // A failed thread is awaited below, never left unhandled.
  other?.catch(() => undefined);
  const begun = beginCorpus(opts);
  if ('corpus' in begun) return begun.corpus;
  if (!begun.r.problems.length) onFirstFiles?.({ authors: begun.authors, articles: begun.articles, pages: begun.pages });
  const folders = begun.commentFolders;
  const same = folders.length === early.length && folders.every((f, i) => f === early[i]);
  if (!other || !same) {
    // Small, or the folder changed while being read: one thread, as the build reads.
    return finishCorpus(begun, readCommentFolders(begun.r, folders, begun.known, begun.checkAuthor));
  }
  const comments = readCommentFolders(begun.r, folders.slice(0, split), begun.known, begun.checkAuthor);
  for (const result of await other) {
    begun.r.problems.push(...result.nested);
    if (namesNoArticle(begun.r, result.folder, result.fileCount, begun.known)) continue;
    begun.r.problems.push(...result.problems);
    comments.push(...result.comments);
  }
  return finishCorpus(begun, comments);
}
