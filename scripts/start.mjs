// `npm start`: lints the bundled examples and prints the report. The examples break rules on purpose, so exit
// code 1 (findings) counts as success here; 2 (a usage, config or I/O problem) does not.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['dist/cli.js', 'examples', ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.status === 1) console.log('\n(The examples contain these problems on purpose; grantlint exits 1 when it finds errors.)');
process.exit(result.status === 1 ? 0 : (result.status ?? 1));
