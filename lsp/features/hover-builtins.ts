import type { StdlibBuiltin } from "../../stdlib/index.js";

/**
 * A stdlib function: its signature and doc, its example with the result (the registry test runs
 * the same example on PostgreSQL and in JavaScript), and the SQL it lowers to.
 */
export function builtinHover(b: StdlibBuiltin): string {
  const types = b.exampleCall.args.map((x) => x.type);
  const sql = safe(() =>
    b.sql(
      types.map((_, i) => `$${i + 1}`),
      types,
    ),
  );
  const js = b.deterministic
    ? safe(() =>
        JSON.stringify(
          b.js(
            b.exampleCall.args.map((x) => x.value),
            types,
          ),
        ),
      )
    : null;
  const lines = [`**${b.usage}** — stdlib`, "", b.doc, "", "```kmig", b.example, "```"];
  if (b.deterministic)
    lines.push("", `gives \`${JSON.stringify(b.exampleCall.result)}\` in SQL and in JavaScript${js !== null && js !== JSON.stringify(b.exampleCall.result) ? ` (JavaScript here: \`${js}\`)` : ""}`);
  else lines.push("", "not deterministic: each run (not each row) takes one value");
  if (sql) lines.push("", `SQL: \`${sql}\``);
  return lines.join("\n");
}

function safe(f: () => string): string | null {
  try {
    return f();
  } catch {
    return null;
  }
}
