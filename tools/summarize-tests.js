// Prints the suite's closing line `N passed, N failed, N skipped` from the
// jest and Playwright JSON reports plus the pass/fail of the non-test checks
// (tsc, lint, prettier), so one line tells CI what happened. Above it: every
// skipped, flaky and failed test by name. Nothing that did not run may look
// green: a flaky (failed, then passed on retry) e2e test counts as failed, a
// stage that wrote no report counts as failed, and a report older than this
// run (a leftover of an earlier one) is never read.
//
//   node tools/summarize-tests.js --reports DIR --since EPOCH_MS
//     [--expect jest.json] [--expect jest-timed.json] [--expect results.json]
//     --checks-passed N --checks-failed N [--failed-step NAME]...
const fs = require('fs');
const path = require('path');

function parseArgs(argv) {
  const args = { expect: [], failedStep: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]
      .replace(/^--/, '')
      .replace(/-(\w)/g, (_, c) => c.toUpperCase());
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${argv[i]} needs a value`);
    if (Array.isArray(args[key])) args[key].push(value);
    else args[key] = value;
  }
  for (const required of ['reports', 'since', 'checksPassed', 'checksFailed']) {
    if (args[required] === undefined) throw new Error(`--${required} missing`);
  }
  return args;
}

/** The report if this run wrote it; otherwise why not. */
function readReport(dir, file, sinceMs) {
  const full = path.join(dir, file);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return { problem: `${file}: no report written` };
  }
  if (stat.mtimeMs < sinceMs) {
    return { problem: `${file}: report is from an earlier run, not this one` };
  }
  try {
    return { report: JSON.parse(fs.readFileSync(full, 'utf8')) };
  } catch (error) {
    return { problem: `${file}: unreadable report (${error.message})` };
  }
}

const SKIPPED_JEST = ['pending', 'skipped', 'todo', 'disabled'];

function summarizeJest(report, root, label) {
  const out = { passed: 0, failed: 0, skipped: [], failures: [], line: '' };
  for (const file of report.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const tests = file.assertionResults ?? [];
    for (const test of tests) {
      const name = `${rel} › ${test.fullName}`;
      if (test.status === 'passed') out.passed += 1;
      else if (test.status === 'failed') {
        out.failed += 1;
        out.failures.push(name);
      } else if (SKIPPED_JEST.includes(test.status)) out.skipped.push(name);
      else {
        out.failed += 1;
        out.failures.push(`${name} (status ${test.status})`);
      }
    }
    // A file that failed to run (syntax error, failed import, a missing
    // prerequisite thrown at load) has no tests: the file itself fails.
    if (file.status === 'failed' && !tests.some(t => t.status === 'failed')) {
      out.failed += 1;
      out.failures.push(
        `${rel} (did not run: ${String(file.message ?? '')
          .split('\n')
          .map(l => l.trim())
          .find(l => l && !/Test suite failed to run/.test(l))})`,
      );
    }
  }
  out.line = `${label}: ${out.passed} passed, ${out.failed} failed, ${out.skipped.length} skipped`;
  return out;
}

function* playwrightTests(suite, titles) {
  const here = suite.title ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      yield { name: [...here, spec.title].join(' › '), status: test.status };
    }
  }
  for (const child of suite.suites ?? []) yield* playwrightTests(child, here);
}

function summarizeE2e(report) {
  const out = { passed: 0, failed: 0, skipped: [], failures: [], line: '' };
  const flaky = [];
  for (const suite of report.suites ?? []) {
    for (const test of playwrightTests(suite, [])) {
      if (test.status === 'expected') out.passed += 1;
      else if (test.status === 'skipped') out.skipped.push(test.name);
      else if (test.status === 'flaky') {
        // Failed once, passed on the retry: the failure is real until explained.
        out.failed += 1;
        flaky.push(test.name);
        out.failures.push(`${test.name} (flaky: failed, then passed on retry)`);
      } else {
        out.failed += 1;
        out.failures.push(test.name);
      }
    }
  }
  // A run that never reached its tests (the web server did not start).
  for (const error of report.errors ?? []) {
    out.failed += 1;
    out.failures.push(`e2e: ${String(error.message ?? error).split('\n')[0]}`);
  }
  out.line = `e2e: ${out.passed} passed, ${out.failed} failed (${flaky.length} flaky), ${out.skipped.length} skipped`;
  return out;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const root = path.resolve(args.reports, '..');
  const since = Number(args.since);
  let passed = Number(args.checksPassed);
  let failed = Number(args.checksFailed);
  const skipped = [];
  const failures = args.failedStep.map(step => `check: ${step}`);
  const lines = [];

  // Every jest step writes jest*.json; Playwright writes results.json.
  const summarizerOf = file => {
    if (/^jest[\w-]*\.json$/.test(file)) return summarizeJest;
    if (file === 'results.json') return summarizeE2e;
    throw new Error(`no summarizer for ${file}`);
  };
  for (const file of args.expect) {
    const summarize = summarizerOf(file);
    const { report, problem } = readReport(args.reports, file, since);
    if (problem) {
      // The stage ran but left nothing to count: that is a failure.
      failed += 1;
      failures.push(problem);
      lines.push(`${problem} (counted as failed)`);
      continue;
    }
    const s = summarize(report, root, path.basename(file, '.json'));
    passed += s.passed;
    failed += s.failed;
    skipped.push(...s.skipped);
    failures.push(...s.failures);
    lines.push(s.line);
  }
  lines.push(
    `checks: ${args.checksPassed} passed, ${args.checksFailed} failed${
      args.failedStep.length ? ` (${args.failedStep.join(', ')})` : ''
    }`,
  );

  for (const name of skipped) console.log(`skipped: ${name}`);
  for (const name of failures) console.log(`failed: ${name}`);
  for (const line of lines) console.log(line);
  console.log(`${passed} passed, ${failed} failed, ${skipped.length} skipped`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
