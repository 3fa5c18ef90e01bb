/**
 * Entry point that VS Code loads as `extensionTestsPath` (the contract shared by @vscode/test-electron and the
 * code-server runner): `run()` settles when the mocha suite is done, and rejects when a test failed.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // In code-server the extension host's console is not the runner's terminal, so the report also goes to the
  // file the runner names; the runner prints it.
  const logFile = process.env['GRANTLINT_TEST_LOG'];
  const consoleLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => {
    consoleLog(...data);
    if (logFile) appendFileSync(logFile, `${format(...data)}\n`);
  };
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, slow: 5_000 });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (logFile) appendFileSync(logFile, `SUITE-RESULT ${failures} failed\n`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
