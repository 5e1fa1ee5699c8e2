import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type CborValue, decodeCbor, encodeCbor } from './cbor.ts';

const SIGNATURE = 'pagefind_dcd';

/**
 * Rewrites every language's metadata file (`pagefind.<hash>.pf_meta`) of the Pagefind bundle in
 * `bundleDir` in place: `edit` changes the decoded CBOR (Pagefind 1.x's layout is
 * [version, pages, chunks, filters, sorts, meta keys]). The file keeps its name, and a new file
 * replaces the old one, so a hard-linked cache copy is never written through.
 */
export function rewriteBundleMeta(bundleDir: string, edit: (meta: CborValue, file: string) => void): void {
  const entry = JSON.parse(readFileSync(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string }>;
  };
  for (const { hash } of Object.values(entry.languages)) {
    const file = path.join(bundleDir, `pagefind.${hash}.pf_meta`);
    if (!existsSync(file)) throw new Error(`[search] ${file}: the metadata file named in pagefind-entry.json is missing.`);
    const raw = gunzipSync(readFileSync(file));
    if (raw.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) {
      throw new Error(`[search] ${file}: not a Pagefind metadata file (no ${SIGNATURE} signature).`);
    }
    const meta = decodeCbor(raw.subarray(SIGNATURE.length));
    edit(meta, file);
    const body = Buffer.concat([Buffer.from(SIGNATURE, 'latin1'), encodeCbor(meta)]);
    const temp = `${file}.tmp-${process.pid}`;
    writeFileSync(temp, gzipSync(body, { level: 9 }));
    renameSync(temp, file);
  }
}
