import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileConfigStep } from "../../runtime/config/config-transform.js";
import { YAML_OPTIONS } from "../../runtime/config/yaml-doc.js";
import { compileFolder } from "../support/spec-chain.js";
import { withConfigModule } from "../../compiler/emit/config-module.js";
import { tempSpecs } from "../support/cli.js";

/** The runnable config step of a one-block migration. */
async function configStep(block: string) {
  const dir = tempSpecs({ "001_m.kmig": `migration m from '1' to '2' {\n  describe 'floats'\n${block}\n}\n` });
  const chain = compileFolder(dir);
  expect(chain.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const [plan] = await withConfigModule([chain.units[0].plan]);
  return compileConfigStep(plan.config[0]);
}

/** PyYAML's reading of a YAML text (a float is a float): the v1 migrator's view of the output. */
const pyTypes = (text: string) => parse(text, YAML_OPTIONS) as Record<string, unknown>;

const floats = await configStep(
  "  config 'app.yml' {\n    a := a\n    b := b ?? 0\n    nested := nested\n    list := list\n    i := i\n    half := half\n    neg := neg\n    exp := exp\n    text := quoted\n  }",
);

describe("floats in config files (PyYAML semantics: 1.0 stays 1.0)", () => {
  const copy = floats;

  it("copies whole-valued floats as floats and ints as ints, wherever they sit", () => {
    const src = "a: 1.0\nb: 3.00\nnested:\n  x: 2.0\n  y: 2\nlist: [1.0, 1, 0.5]\ni: 7\nhalf: 2.5\nneg: -4.0\nexp: 1.0e+3\nquoted: '1.0'\n";
    expect(copy.transform("app.yml", src)).toBe(
      "a: 1.0\nb: 3.0\nnested:\n  x: 2.0\n  \"y\": 2\nlist:\n  - 1.0\n  - 1\n  - 0.5\ni: 7\nhalf: 2.5\nneg: -4.0\nexp: 1000.0\ntext: \"1.0\"\n",
    );
  });

  it("a float literal in the spec is written as a float (the Keiko agents' retry_delay ?? 1.0)", async () => {
    const t = await configStep("  config 'a.yml' {\n    retry_delay := retry_delay ?? 1.0\n    literal := 2.0\n    whole := 2\n    fraction := 0.25\n  }");
    expect(t.transform("a.yml", "name: x\n")).toBe("retry_delay: 1.0\nliteral: 2.0\nwhole: 2\nfraction: 0.25\n");
    expect(t.transform("a.yml", "retry_delay: 4\n")).toBe("retry_delay: 4\nliteral: 2.0\nwhole: 2\nfraction: 0.25\n");
  });

  it("what it writes reads back with the same types (float stays float, int stays int)", () => {
    const out = copy.transform("app.yml", "a: 1.0\ni: 7\nnested: {x: 2.0}\n");
    const back = pyTypes(out);
    expect(back.a).toBe(1);
    expect(out).toMatch(/^a: 1\.0$/m);
    expect(out).toMatch(/^i: 7$/m);
    expect(out).toMatch(/^ {2}x: 2\.0$/m);
  });

  it("computations see plain numbers: a float compares, maps and reads as text as jsonb 1.0 does", async () => {
    const t = await configStep(
      "  config 'a.yml' {\n    same := a == 1\n    bigger := to_number(a) > 0.5\n    text := to_text(a)\n    truthy := truthy(a)\n    inside := a in [1, 2]\n  }",
    );
    expect(t.transform("a.yml", "a: 1.0\n")).toBe('same: true\nbigger: true\ntext: "1.0"\ntruthy: true\ninside: true\n');
  });

  it("build (for expects and property tests) gives plain JSON numbers", () => {
    expect(copy.build({ a: 1, nested: { x: 2 } })).toMatchObject({ a: 1, nested: { x: 2 } });
  });

  it("patch mode keeps a float written by a mapping a float, in place", async () => {
    const t = await configStep("  config 'db.yml' patch {\n    pool.timeout := pool.timeout ?? 30.0\n    ratio := ratio\n  }");
    const src = "# db\npool:\n  timeout: 10   # seconds\n  size: 5\nratio: 1.0\n";
    expect(t.transform("db.yml", src)).toBe(src);
    expect(t.transform("db.yml", "pool:\n  timeout: null\nratio: 3\n")).toBe("pool:\n  timeout: 30.0\nratio: 3\n");
  });
});

const booleans = await configStep("  config 'a.yml' {\n    y := y\n    n := n\n    on := a\n    off := b\n    date := date\n  }");

describe("booleans as PyYAML reads them", () => {
  const copy = booleans;

  it("`y` and `n` are strings (written quoted: other YAML 1.1 readers take them for booleans); yes/off are booleans; a date stays a date", () => {
    expect(copy.transform("a.yml", "y: y\nn: n\na: yes\nb: off\ndate: 2024-05-01\n")).toBe('"y": "y"\n"n": "n"\n"on": true\n"off": false\ndate: 2024-05-01\n');
    expect(copy.transform("a.yml", "y: 'y'\ndate: '2024-05-01'\n")).toBe('"y": "y"\n"n": null\n"on": null\n"off": null\ndate: "2024-05-01"\n');
  });
});
