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
  const js = b.volatility === "immutable"
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
  if (b.volatility === "immutable")
    lines.push("", `gives \`${JSON.stringify(b.exampleCall.result)}\` in SQL and in JavaScript${js !== null && js !== JSON.stringify(b.exampleCall.result) ? ` (JavaScript here: \`${js}\`)` : ""}`);
  else if (b.volatility === "stable") lines.push("", "stable: one value for the whole run (every row and every batch see the same)");
  else lines.push("", "volatile: a new value on every call, so on every row; `kmig test` compares its shape and type, not its value");
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
