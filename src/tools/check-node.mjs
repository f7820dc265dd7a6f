// Runs before every npm script that needs Astro 7. Deliberately old-fashioned JavaScript so that
// it parses and prints a helpful message even on a Node far older than the one we need.
var want = [22, 12];
var have = process.versions.node.split('.').map(Number);
var ok = have[0] > want[0] || (have[0] === want[0] && have[1] >= want[1]);
if (!ok) {
  process.stderr.write(
    '\nThis site needs Node.js ' + want.join('.') + ' or newer (24 LTS recommended); this is Node ' +
      process.versions.node + '.\n' +
      'Install a newer Node (for example from https://nodejs.org, or with `nvm install 24`),\n' +
      'or fetch one from the npm registry:  npm i --prefix ~/.node24 node@24\n' +
      'and put ~/.node24/node_modules/.bin first on your PATH. Then run the command again.\n\n'
  );
  process.exit(1);
}
