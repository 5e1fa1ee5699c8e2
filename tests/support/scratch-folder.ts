import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Global setup of both test configs: one scratch folder for the whole run, made the system's
 * temporary folder (TMPDIR) for the test workers and every build they start, and removed at the
 * end. Folders a test makes with mkdtemp and does not remove, or leaves behind when it fails,
 * then never pile up in /tmp across runs.
 */
export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const scratch = mkdtempSync(path.join(tmpdir(), 'backchannel-tests-'));
  process.env.TMPDIR = scratch;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(scratch, { recursive: true, force: true });
  };
}
