import { describe, expect, it } from "vitest";
import { enumTypeAt } from "../../lsp/features/completion.js";

/** Completion of enum labels: which enum type the value at the cursor has, from the line before it. */
describe("the enum type of the value being typed", () => {
  const types = (c: string) => (c === "state" ? "order_state" : undefined);
  it("is the type of the column it is compared with, of the column it defaults, or of the map's input and output", () => {
    expect(enumTypeAt("    expect state == '", types, null)).toBe("order_state");
    expect(enumTypeAt("    x := state in ['new', ", types, null)).toBe("order_state");
    expect(enumTypeAt("    add s2 order_state default ", types, null)).toBe("order_state");
    expect(enumTypeAt("    new, ", types, { input: "order_state", output: "text" })).toBe("order_state");
    expect(enumTypeAt("    new, paid -> ", types, { input: "text", output: "order_state" })).toBe("order_state");
    expect(enumTypeAt("    x := lower(", types, null)).toBeNull();
  });
});
