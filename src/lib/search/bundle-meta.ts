import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type CborValue, decodeCbor, encodeCbor } from './cbor.ts';

/** What every Pagefind data file starts with once gunzipped. */
const SIGNATURE = 'pagefind_dcd';

/** The decoded body (after the signature) of a Pagefind data file: `what` names its kind in the error. */
export function readPagefindFile(file: string, what: string): Buffer {
  const raw = gunzipSync(readFileSync(file));
  if (raw.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) {
    throw new Error(`[search] ${file}: not a Pagefind ${what} (no ${SIGNATURE} signature).`);
  }
  return raw.subarray(SIGNATURE.length);
}

/**
 * Writes `body` as a Pagefind data file at `file`, signed and gzipped. A new file replaces any old
 * one, so a hard-linked cache copy is never written through.
 */
export function writePagefindFile(file: string, body: Uint8Array, level: number): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, gzipSync(Buffer.concat([Buffer.from(SIGNATURE, 'latin1'), body]), { level }));
  renameSync(temp, file);
}

/**
 * Rewrites every language's metadata file (`pagefind.<hash>.pf_meta`) of the Pagefind bundle in
 * `bundleDir` in place: `edit` changes the decoded CBOR (Pagefind 1.x's layout is
 * [version, pages, chunks, filters, sorts, meta keys]). The file keeps its name.
 */
export function rewriteBundleMeta(bundleDir: string, edit: (meta: CborValue, file: string) => void): void {
  const entry = JSON.parse(readFileSync(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string }>;
  };
  for (const { hash } of Object.values(entry.languages)) {
    const file = path.join(bundleDir, `pagefind.${hash}.pf_meta`);
    if (!existsSync(file)) throw new Error(`[search] ${file}: the metadata file named in pagefind-entry.json is missing.`);
    const meta = decodeCbor(readPagefindFile(file, 'metadata file'));
    edit(meta, file);
    writePagefindFile(file, encodeCbor(meta), 9);
  }
}

/**
 * The chunk list of a decoded metadata file ([from, to, file] per chunk of the word index),
 * checking the layout Pagefind 1.x writes; edits to it change the metadata.
 */
export function metaChunkList(meta: CborValue, file: string): CborValue[] {
  const chunks = Array.isArray(meta) ? meta[2] : undefined;
  const valid =
    Array.isArray(meta) &&
    typeof meta[0] === 'string' &&
    Array.isArray(chunks) &&
    chunks.every((c) => Array.isArray(c) && c.length === 3 && c.every((part) => typeof part === 'string'));
  if (!valid) {
    throw new Error(
      `[search] ${file}: Pagefind's metadata is not laid out as src/lib/search/bundle-meta.ts expects ([version, pages, chunks, …]); check it against the Pagefind version in package.json.`,
    );
  }
  return chunks as CborValue[];
}
