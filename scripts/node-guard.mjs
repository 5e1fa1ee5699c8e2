// Astro 7 and vitest 5 need Node >= 22.12. npm itself may run under an older system Node, and
// when node_modules/node is missing npm scripts silently fall back to it: fail loudly instead.
import { fileURLToPath } from 'node:url';

/** Why this Node cannot run the project, or undefined when it can. */
export function nodeProblem(version, execPath = '') {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return undefined;
  return (
    `Backchannel needs Node >= 22.12, but this script runs under Node ${version}${execPath ? ` (${execPath})` : ''}.\n` +
    'The project pins Node 24 as a devDependency: run `npm ci` so node_modules/node/bin exists,\n' +
    'then use `npm run …` / `npx …`, which put node_modules/.bin first on PATH.'
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // NODE_GUARD_VERSION stands in for this Node's version, so a test can run the guard as an old
  // Node would (tests/unit/node-guard.test.ts); nothing else sets it.
  const problem = nodeProblem(process.env.NODE_GUARD_VERSION || process.versions.node, process.execPath);
  if (problem) {
    console.error(`\n${problem}\n`);
    process.exit(1);
  }
}
