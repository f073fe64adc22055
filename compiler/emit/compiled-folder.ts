import { createHash } from "node:crypto";
import { MANIFEST_FILE, PLAN_FORMAT, type Manifest } from "../../core/compiled-folder.js";
import type { Plan } from "../../core/plan.js";
import { KMIG_VERSION } from "../../core/version.js";
import type { EmittedModule } from "./index.js";
import type { TranspiledModule } from "./transpile.js";

/** One file of a compiled folder: its name in the folder and its text. */
export interface CompiledFile {
  readonly name: string;
  readonly text: string;
}

const sha256 = (text: string) => `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;

/**
 * What `kmig compile` writes for one chain: per migration the TypeScript module (to review), the
 * ES module the runtime loads (`.mjs`) and its types (`.d.mts`), then the manifest listing them
 * in chain order with each file's checksum (core/compiled-folder.ts). The manifest comes last, so
 * that a folder is complete before it is recognised as one.
 */
export function compiledFolder(plans: readonly Plan[], modules: readonly EmittedModule[], transpiled: readonly TranspiledModule[]): CompiledFile[] {
  const files: CompiledFile[] = [];
  const migrations = plans.map((plan, i) => {
    const stem = modules[i].fileName.replace(/\.ts$/, "");
    const own = [
      { name: modules[i].fileName, text: modules[i].text },
      { name: `${stem}.mjs`, text: transpiled[i].js },
      { name: `${stem}.d.mts`, text: transpiled[i].dts },
    ];
    files.push(...own);
    return { id: plan.id, kind: plan.kind, from: plan.from, to: plan.to, spec: plan.file, checksum: plan.checksum, module: `${stem}.mjs`, files: Object.fromEntries(own.map((f) => [f.name, sha256(f.text)])) };
  });
  const manifest: Manifest = { kind: "kmig-compiled-plans", planFormat: PLAN_FORMAT, kmigVersion: KMIG_VERSION, migrations };
  files.push({ name: MANIFEST_FILE, text: `${JSON.stringify(manifest, null, 2)}\n` });
  return files;
}
