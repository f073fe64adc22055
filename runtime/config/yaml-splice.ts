import { isMap, isPair, isScalar, stringify, type Document, type Node, type Pair } from "yaml";
import { YAML_OPTIONS } from "./yaml-doc.js";

/**
 * Patch-mode edits made on the source text itself, so that everything the spec does not touch —
 * comments, spacing, quoting, flow style — stays byte for byte. Handles the common edits (a scalar
 * value replaced by a scalar, a key removed from a block mapping); returns null otherwise, and the
 * caller re-renders the document (comments and key order still kept).
 */
export function spliceEdits(source: string, doc: Document, sets: readonly { path: readonly string[]; value: unknown }[], removes: readonly (readonly string[])[]): string | null {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const s of sets) {
    const node = doc.getIn(s.path, true) as Node | undefined;
    // A yaml Scalar is a float written as `1.0` (see yaml-float.ts): one line, like any scalar.
    const isPlain = (v: unknown) => v === null || isScalar(v) || ["string", "number", "boolean"].includes(typeof v);
    if (!node || !isScalar(node) || !node.range || !isPlain(s.value)) return null;
    const text = stringify(s.value, { ...YAML_OPTIONS, lineWidth: 0 }).replace(/\n$/, "");
    if (text.includes("\n")) return null;
    edits.push({ start: node.range[0], end: node.range[1], text });
  }
  for (const path of removes) {
    const parent = (path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)) as Node | undefined;
    if (!parent || !isMap(parent) || parent.flow) return null;
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === path[path.length - 1]) as Pair<Node, Node> | undefined;
    if (!pair) continue;
    const keyStart = pair.key?.range?.[0];
    const valueEnd = (pair.value as Node | null)?.range?.[2] ?? pair.key?.range?.[2];
    if (keyStart === undefined || valueEnd === undefined) return null;
    const lineStart = source.lastIndexOf("\n", keyStart - 1) + 1;
    if (source.slice(lineStart, keyStart).trim() !== "") return null;
    const nl = source.indexOf("\n", Math.max(valueEnd - 1, keyStart));
    edits.push({ start: lineStart, end: nl < 0 ? source.length : nl + 1, text: "" });
  }
  edits.sort((a, b) => b.start - a.start);
  for (let i = 1; i < edits.length; i++) if (edits[i].end > edits[i - 1].start) return null;
  let out = source;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
