// @ts-check
// Runs first in the npm scripts that need Astro 7 (Node >= 22.12). Those scripts normally run on
// the Node 24 that `npm install` puts in node_modules/.bin (the npm package `node`, a pinned
// devDependency), whatever Node the machine has; so an old Node here means that copy is missing.
// Kept as old-fashioned JavaScript, not TypeScript, so that any Node can parse it and print the
// message below instead of a syntax error.
var want = '22.12';
var have = process.versions.node.split('.').map(Number);
var major = have[0] || 0;
var minor = have[1] || 0;
var ok = major > 22 || (major === 22 && minor >= 12);
if (!ok) {
  process.stderr.write(
    '\nThis site runs on Node.js ' +
      want +
      ' or newer, and this is Node ' +
      process.versions.node +
      ' (' +
      process.execPath +
      ').\n' +
      'npm scripts here normally run on the Node 24 that `npm install` puts in node_modules/.bin\n' +
      '(the npm package `node`), so that copy is missing: run `npm install` (without --ignore-scripts;\n' +
      'the package fetches its binary in an install script), then run the command again.\n' +
      'If npm itself refuses to run on this Node (npm 11 needs Node 20.17 or newer), install a newer\n' +
      'Node first, for example from https://nodejs.org or with `nvm install 24`.\n\n',
  );
  process.exit(1);
}
