// Astro 7 and vitest 5 need Node >= 22.12. npm itself may run under an older system Node, and
// when node_modules/node is missing npm scripts silently fall back to it: fail loudly instead.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `\nBackchannel needs Node >= 22.12, but this script runs under Node ${process.versions.node} (${process.execPath}).\n` +
      'The project pins Node 24 as a devDependency: run `npm ci` so node_modules/node/bin exists,\n' +
      'then use `npm run …` / `npx …`, which put node_modules/.bin first on PATH.\n',
  );
  process.exit(1);
}
