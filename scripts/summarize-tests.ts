/**
 * Totals for scripts/test.sh: reads the vitest JSON reports and prints the per-suite figures, then
 * as the very last line `N passed, N failed`.
 *
 * Usage: tsx scripts/summarize-tests.ts --stage-failures <n> <name>=<report.json>:<exit code> ...
 * A suite that exited non-zero without a readable report, or with no failed test in it (a crash,
 * an unhandled error, a file that failed to load), counts as one failure so a broken run can
 * never look green.
 */
import { existsSync, readFileSync } from 'node:fs';

interface VitestJsonReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { name?: string; status?: string; message?: string; assertionResults?: { status?: string }[] }[];
}

interface SuiteTotals {
  passed: number;
  failed: number;
  skipped: number;
  note: string;
}

function readReport(file: string): VitestJsonReport | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as VitestJsonReport;
  } catch {
    return null;
  }
}

function totalsOf(file: string, exitCode: number): SuiteTotals {
  const report = readReport(file);
  if (report === null) {
    return { passed: 0, failed: 1, skipped: 0, note: `no readable report at ${file} (exit code ${exitCode})` };
  }
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that failed to load has status "failed" but no failed test in it.
  const brokenFiles = (report.testResults ?? []).filter(
    (result) => result.status === 'failed' && !(result.assertionResults ?? []).some((assertion) => assertion.status === 'failed'),
  );
  failed += brokenFiles.length;
  let note = brokenFiles.map((result) => `file failed: ${result.name ?? '?'}`).join('; ');
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    note = `exited with code ${exitCode} although no test failed (unhandled error?)`;
  }
  return { passed, failed, skipped, note };
}

function main(argv: string[]): void {
  let stageFailures = 0;
  let passed = 0;
  let failed = 0;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '--stage-failures') {
      stageFailures = Number(argv[++index] ?? 0);
      continue;
    }
    const match = /^([^=]+)=(.+):(-?\d+)$/.exec(argument);
    if (!match) throw new Error(`summarize-tests: cannot read argument ${argument}`);
    const [, name, file, code] = match;
    const totals = totalsOf(file ?? '', Number(code));
    passed += totals.passed;
    failed += totals.failed;
    const skippedText = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
    console.log(`  ${name}: ${totals.passed} passed, ${totals.failed} failed${skippedText}${totals.note ? ` — ${totals.note}` : ''}`);
  }
  if (stageFailures > 0) console.log(`  other stages: ${stageFailures} failed`);
  console.log(`${passed} passed, ${failed + stageFailures} failed`);
}

main(process.argv.slice(2));
