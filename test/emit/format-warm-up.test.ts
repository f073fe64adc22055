import { describe, expect, it } from "vitest";
import { loadChunkFormatter } from "../../compiler/emit/format-chunk.js";
import { warmUpFormatter } from "../../compiler/emit/format-warm-up.js";

describe("warming prettier up", () => {
  it("formats every sample without error (the CLI ignores warm-up errors, so a broken sample would go unseen)", async () => {
    const format = await loadChunkFormatter();
    const formatted: string[] = [];
    await warmUpFormatter(async (text) => {
      const out = await format(text);
      formatted.push(out);
      return out;
    }, () => false, 1);
    expect(formatted.length).toBeGreaterThan(1);
  });

  it("stops as soon as it is told to", async () => {
    let calls = 0;
    await warmUpFormatter(async (text) => {
      calls++;
      return text;
    }, () => calls >= 2);
    expect(calls).toBe(2);
  });
});
