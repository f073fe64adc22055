import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

/**
 * YAML as the guide's Python migrator read it (PyYAML's safe_load is YAML 1.1: `yes`/`no`/`on`/`off`
 * are booleans, `<<` merges), without turning dates into Date objects: kmig keeps them as text.
 */
export const YAML_OPTIONS = { version: "1.1", merge: true, prettyErrors: false, uniqueKeys: true } as const;

const withoutTimestamps = (tags: unknown[]) => tags.filter((t) => (t as { tag?: string }).tag !== "tag:yaml.org,2002:timestamp");

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
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines, customTags: withoutTimestamps as never });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
    throw new ConfigInputError(file, null, pos.line, pos.col, `not valid YAML: ${err.message.split("\n")[0]}`, "fix the file's syntax; kmig reads YAML 1.1 as the v1 migrator did");
  }
  return { doc, lines };
}

/** The document as plain data (aliases resolved); an empty file is an empty mapping. */
export function toPlain(p: ParsedYaml): unknown {
  const v = p.doc.toJS({ maxAliasCount: 1000 });
  return v === undefined || v === null ? {} : v;
}

/** line:col of the node at `path`, or of the nearest existing parent. */
export function positionOf(p: ParsedYaml, path: readonly string[]): { line: number; column: number } {
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
