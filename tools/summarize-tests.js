// Prints the suite's closing line `N passed, N failed` from the jest and
// Playwright JSON reports plus the pass/fail of the non-test checks
// (tsc, lint, prettier), so one number tells CI what happened.
const fs = require('fs');
const path = require('path');

const [reportsDir, checksPassed, checksFailed, ...failedSteps] =
  process.argv.slice(2);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(reportsDir, file), 'utf8'));
  } catch {
    return undefined;
  }
}

let passed = Number(checksPassed);
let failed = Number(checksFailed);
const lines = [];

const jest = readJson('jest.json');
if (jest) {
  // A suite that failed to run (syntax error, failed import) has no tests.
  const brokenSuites = jest.numRuntimeErrorTestSuites ?? 0;
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + brokenSuites;
  lines.push(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${brokenSuites} suites broken, ${jest.numPendingTests} skipped`,
  );
}

const e2e = readJson('results.json');
if (e2e) {
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = e2e.stats;
  passed += expected + flaky;
  failed += unexpected;
  lines.push(
    `e2e: ${
      expected + flaky
    } passed (${flaky} flaky), ${unexpected} failed, ${skipped} skipped`,
  );
}

lines.push(
  `checks: ${checksPassed} passed, ${checksFailed} failed${
    failedSteps.length ? ` (${failedSteps.join(', ')})` : ''
  }`,
);
for (const line of lines) {
  console.log(line);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0);
