import type { PropertyResult } from "../proptest/run-laws.js";

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** JUnit XML, one test case per property, for CI dashboards. */
export function junitReport(results: readonly PropertyResult[], ms: number): string {
  const failures = results.filter((r) => !r.ok).length;
  const skipped = results.filter((r) => r.ok && r.untested !== null).length;
  const cases = results.map((r) => {
    const head = `  <testcase classname="${xml(r.migration)}" name="${xml(r.property)}" time="${(r.ms / 1000).toFixed(3)}">`;
    if (r.ok && r.untested !== null) return `${head}\n    <skipped message="${xml(`tested nothing: ${r.untested}`)}"/>\n  </testcase>`;
    if (r.ok) return `${head}</testcase>`;
    const f = r.failure!;
    const where = f.origin ? `${f.origin.file}:${f.origin.line}:${f.origin.column}: ` : "";
    return `${head}\n    <failure message="${xml(`${f.law}: ${f.message}`)}">${xml(`${where}${f.message}\ncounterexample: ${JSON.stringify(f.counterexample)}\nseed: ${f.seed}${f.path ? ` path: ${f.path}` : ""}`)}</failure>\n  </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="kmig test" tests="${results.length}" failures="${failures}" skipped="${skipped}" time="${(ms / 1000).toFixed(3)}">\n${cases.join("\n")}\n</testsuite>\n`;
}
