import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { pyyamlTags, WRITE_COMPAT } from "./pyyaml-schema.js";
import { withFloats } from "./yaml-float.js";
import { objectsOf } from "./yaml-keys.js";

/**
 * YAML as the guide's Python migrator read and wrote it: PyYAML's safe_load is YAML 1.1 (`yes`/`no`/
 * `on`/`off` are booleans, `<<` merges) with its own scalar resolution (see pyyaml-schema.ts). Writing
 * quotes every string that PyYAML, or another common reader, would take for another type.
 */
export const YAML_OPTIONS = { version: "1.1", merge: true, prettyErrors: false, uniqueKeys: true, customTags: pyyamlTags, compat: WRITE_COMPAT } as const;

/** Reading is PyYAML's resolution alone (the write-side compat schema would only add warnings). */
const READ_OPTIONS = { ...YAML_OPTIONS, compat: null } as const;

export interface ParsedYaml {
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly text: string;
}

/** A problem in a config file, located in that file. */
export class ConfigInputError extends Error {
  constructor(
    readonly file: string,
    readonly keyPath: string | null,
    readonly line: number,
    readonly column: number,
    message: string,
    readonly help: string | null = null,
  ) {
    super(message);
  }
}

export function parseYaml(file: string, text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...READ_OPTIONS, lineCounter: lines });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
    throw new ConfigInputError(file, null, pos.line, pos.col, `not valid YAML: ${err.message.split("\n")[0]}`, "fix the file's syntax; kmig reads YAML 1.1 as the v1 migrator did");
  }
  return { doc, lines, text };
}

/**
 * The document as data (aliases resolved, mappings as objects that remember keys other than
 * strings), whole-valued floats as YamlFloat so that they are written back as floats; an empty
 * file is an empty mapping. An alias to no anchor, or too many aliases, is bad input in `file`.
 */
export function toPlain(p: ParsedYaml, file: string): unknown {
  let v: unknown;
  try {
    const copy = withFloats(p.doc);
    endWithoutBreak(copy, p.text);
    v = objectsOf(copy.toJS({ maxAliasCount: 1000, mapAsMap: true }));
  } catch (e) {
    const pos = badAliasPosition(p);
    throw new ConfigInputError(file, null, pos.line, pos.column, `not valid YAML: ${(e as Error).message}`, "fix the file's anchors and aliases");
  }
  return v === undefined || v === null ? {} : v;
}

/**
 * A block scalar (`|`, `>`) whose last line ends the file without a line break has no final line
 * break in PyYAML (nothing to clip or keep); the yaml library adds one. Made PyYAML's in `doc`.
 */
function endWithoutBreak(doc: Document, text: string): void {
  if (/[\r\n]$/.test(text) || !/\S/.test(text.slice(text.lastIndexOf("\n") + 1))) return;
  visit(doc, {
    Scalar(_key, node) {
      const block = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
      if (block && node.range?.[1] === text.length && typeof node.value === "string" && node.value.endsWith("\n")) node.value = node.value.slice(0, -1);
    },
  });
}

/** line:col of the first alias without an anchor before it, else of the document. */
function badAliasPosition(p: ParsedYaml): { line: number; column: number } {
  let at: number | undefined;
  visit(p.doc, {
    Alias(_key, node) {
      if (at === undefined && node.resolve(p.doc) === undefined) at = node.range?.[0];
    },
  });
  const pos = p.lines.linePos(at ?? 0);
  return { line: pos.line, column: pos.col };
}

/** line:col of the node at `path`, or of the nearest existing parent. */
export function positionOf(p: ParsedYaml, path: readonly (string | number)[]): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? p.doc.contents : p.doc.getIn(path.slice(0, n), true)) as Node | null | undefined;
    const offset = node && "range" in node && node.range ? node.range[0] : undefined;
    if (offset !== undefined) {
      const pos = p.lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

export const isYamlCollection = (n: unknown): boolean => isMap(n) || isSeq(n);
export { isScalar };
