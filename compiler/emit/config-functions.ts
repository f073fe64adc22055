import type { SourceFile } from "../../core/source-file.js";
import { asDocumentValue, type CheckedConfig } from "../ops/config-block.js";
import { exportedConst, type Declaration } from "./module-model.js";
import { expectationsLiteral, param } from "./function-parts.js";
import type { ModuleLowering } from "./lowering.js";
import { pascalCase, type ClaimName } from "./names.js";

/** What one config block contributes: its key functions, its expects, its `configs` entry. */
export interface ConfigFunctions {
  readonly declarations: readonly Declaration[];
  readonly entry: string;
}

/**
 * `configX`: the new document's keys in spec order, each its path and its value over the old
 * document (`row`), the function the runtime calls for that key. The runtime builds the document
 * from them (a `patch` block edits the old one: removes, then sets), writing a missing value as
 * null. Each value is lowered exactly as the plan's `keys[].js` is, so that a plan run from this
 * module and one compiled from the spec in memory write the same files.
 */
export function configFunctions(file: SourceFile, c: CheckedConfig, claim: ClaimName, lower: ModuleLowering): ConfigFunctions {
  const name = claim(`config${pascalCase(c.step.source)}`);
  const keys = c.keys.map((k) => {
    const body = lower.js(asDocumentValue(k.value));
    return `{ path: ${JSON.stringify(k.path)}, value: (${param("row", body)}, ${param("rt", body)}) => ${body} }`;
  });
  const target = c.step.target ? ` into \`${c.step.target}\`` : "";
  const how = c.step.patch ? "patched into the old document" : "in spec order";
  const declarations: Declaration[] = [
    exportedConst(name, `The keys of the new \`${c.step.source}\` document${target} (step \`${c.step.id}\`), ${how}: each one's value over the old document.`, "readonly ConfigKey[]", `[${keys.join(", ")}]`),
  ];
  let expects = "[]";
  if (c.expects.length > 0) {
    expects = claim(`expect${pascalCase(c.step.source)}`);
    declarations.push(exportedConst(expects, `The \`expect\`s of the \`config '${c.step.source}'\` block, over each document before and after.`, "readonly Expectation<Json, Json>[]", expectationsLiteral(file, c.expects, lower)));
  }
  return { declarations, entry: `{ keys: ${name}, expects: ${expects} }` };
}
