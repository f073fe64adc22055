import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type ScalarTag, type Tags } from "yaml";
import { withFloats } from "./yaml-float.js";

/** PyYAML's booleans: the `yaml` library's YAML 1.1 schema also reads `y` and `n` as booleans, PyYAML does not. */
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;

/** The YAML 1.1 tags with PyYAML's booleans (so `y` is read as, and written as, a plain string). */
function pyyamlBooleans(tags: Tags): Tags {
  return tags.map((t) => (typeof t !== "string" && t.tag === "tag:yaml.org,2002:bool" ? { ...(t as ScalarTag), test: (t as ScalarTag).identify?.(true) ? PYYAML_TRUE : PYYAML_FALSE } : t));
}

/**
 * YAML as the guide's Python migrator read and wrote it (PyYAML's safe_load is YAML 1.1: `yes`/`no`/
 * `on`/`off` are booleans, `<<` merges). Writing keeps the timestamp tag, so that a date-like
 * string is quoted and PyYAML reads it back as a string.
 */
export const YAML_OPTIONS = { version: "1.1", merge: true, prettyErrors: false, uniqueKeys: true, customTags: pyyamlBooleans } as const;

/** Reading drops the timestamp tag: kmig keeps dates as the text they are, not Date objects. */
const readTags = (tags: Tags): Tags => pyyamlBooleans(tags).filter((t) => typeof t === "string" || t.tag !== "tag:yaml.org,2002:timestamp");

export interface ParsedYaml {
  readonly doc: Document;
  readonly lines: LineCounter;
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
  const doc = parseDocument(text, { ...YAML_OPTIONS, customTags: readTags, lineCounter: lines });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
    throw new ConfigInputError(file, null, pos.line, pos.col, `not valid YAML: ${err.message.split("\n")[0]}`, "fix the file's syntax; kmig reads YAML 1.1 as the v1 migrator did");
  }
  return { doc, lines };
}

/**
 * The document as data (aliases resolved), whole-valued floats as YamlFloat so that they are
 * written back as floats; an empty file is an empty mapping.
 */
export function toPlain(p: ParsedYaml): unknown {
  const v = withFloats(p.doc).toJS({ maxAliasCount: 1000 });
  return v === undefined || v === null ? {} : v;
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
