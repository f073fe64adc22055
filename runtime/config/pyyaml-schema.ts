import { Document, Scalar, type ScalarTag, type Tags } from "yaml";
import { stringifyNumber } from "yaml/util";
import { YamlTimestamp } from "./yaml-float.js";

/**
 * PyYAML's implicit resolvers (yaml/resolver.py), which the guide's `yaml.safe_load` used. They
 * differ from the `yaml` library's YAML 1.1 schema: `1e3`, `1e+3`, `-.5`, `09` and `0:30` are
 * strings to PyYAML, `y` and `n` are not booleans, a date is a date.
 */
const BOOL_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
/** Every PyYAML float has a dot (yaml-float.ts tells a whole float from an int by it). */
const PYYAML_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

const INT_TAG = "tag:yaml.org,2002:int";
const FLOAT_TAG = "tag:yaml.org,2002:float";
const BOOL_TAG = "tag:yaml.org,2002:bool";
const TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp";

/** PyYAML's construct_yaml_int: exact; beyond JavaScript's safe integers a bigint. */
export function pyyamlInt(source: string): number | bigint {
  let s = source.replace(/_/g, "");
  const negative = s.startsWith("-");
  if (/^[-+]/.test(s)) s = s.slice(1);
  let n: bigint;
  if (s === "0") n = 0n;
  else if (s.startsWith("0b")) n = BigInt(`0b${s.slice(2)}`);
  else if (s.startsWith("0x")) n = BigInt(`0x${s.slice(2)}`);
  else if (s.startsWith("0")) n = BigInt(`0o${s.slice(1)}`);
  else if (s.includes(":")) n = s.split(":").reduce((acc, d) => acc * 60n + BigInt(d), 0n);
  else n = BigInt(s);
  if (negative) n = -n;
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/** Python's float() of a text without sign: digits with a dot or exponent, `inf`, `nan`. */
function pythonFloat(s: string): number {
  if (s === ".inf" || s === "inf" || s === "infinity") return Infinity;
  if (s === ".nan" || s === "nan") return NaN;
  if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/.test(s)) throw new Error(`not a float: ${s}`);
  return Number(s);
}

/** PyYAML's construct_yaml_float, as a Scalar that writes back with its fraction digits (`1.0`, `2.50`). */
function pyyamlFloat(source: string): Scalar {
  let s = source.replace(/_/g, "").toLowerCase();
  const sign = s.startsWith("-") ? -1 : 1;
  if (/^[-+]/.test(s)) s = s.slice(1);
  const n = s.includes(":") ? s.split(":").reduce((acc, d) => acc * 60 + pythonFloat(d), 0) : pythonFloat(s);
  const node = new Scalar(sign * n);
  const fraction = /\.([0-9]*)/.exec(s)?.[1] ?? "";
  if (Number.isInteger(node.value)) node.minFractionDigits = Math.max(1, fraction.endsWith("0") ? fraction.length : 0);
  else if (fraction.endsWith("0")) node.minFractionDigits = fraction.length;
  return node;
}

const isInt = (v: unknown) => typeof v === "bigint" || Number.isInteger(v);

/**
 * A number as PyYAML reads it back: JavaScript writes 1e21 as `1e+21`, which PyYAML reads as a
 * string (its floats need a dot): `1.0e+21`. Everything else as the yaml library writes it.
 */
function pyyamlNumber(node: Scalar): string {
  const text = typeof node.value === "number" && Number.isFinite(node.value) ? String(node.value) : "";
  if (!text.includes("e")) return stringifyNumber(node);
  const [mantissa, exponent] = text.split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}e${exponent}`;
}

const PYYAML_SCALARS: ScalarTag[] = [
  { tag: BOOL_TAG, default: true, identify: (v) => v === true, test: BOOL_TRUE, resolve: () => true, stringify: () => "true" },
  { tag: BOOL_TAG, default: true, identify: (v) => v === false, test: BOOL_FALSE, resolve: () => false, stringify: () => "false" },
  { tag: INT_TAG, default: true, identify: isInt, test: INT, resolve: pyyamlInt, stringify: pyyamlNumber },
  { tag: FLOAT_TAG, default: true, identify: (v) => typeof v === "number", test: PYYAML_FLOAT, resolve: pyyamlFloat, stringify: pyyamlNumber },
  // An explicit `!!int` / `!!float` takes any text PyYAML's constructor takes (`!!float 3` is 3.0).
  { tag: INT_TAG, identify: () => false, resolve: pyyamlInt, stringify: pyyamlNumber },
  { tag: FLOAT_TAG, identify: () => false, resolve: pyyamlFloat, stringify: pyyamlNumber },
  // Read as its text, written back as that text, plain: PyYAML reads the same date again.
  { tag: TIMESTAMP_TAG, default: true, identify: (v) => v instanceof YamlTimestamp, test: TIMESTAMP, resolve: (s) => new YamlTimestamp(s), stringify: (node) => (node as Scalar<YamlTimestamp>).value.text },
];

const REPLACED = new Set([BOOL_TAG, INT_TAG, FLOAT_TAG, TIMESTAMP_TAG]);

/**
 * Characters PyYAML cannot read as they are in a scalar: outside its printable set (DEL, C1
 * controls, U+FFFE…), what it takes for a line break (NEL, U+2028, U+2029), a BOM, and tabs and CRs
 * (PyYAML ends a plain scalar at a tab). A string holding one is written double-quoted, escaped.
 */
const PYYAML_UNSAFE = /[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;

/** A double-quoted YAML string with every character PyYAML cannot read raw escaped. */
function pyyamlDoubleQuoted(s: string): string {
  const named: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0" };
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    const hex = (n: number) => c.toString(16).toUpperCase().padStart(n, "0");
    out += named[ch] ?? (PYYAML_UNSAFE.test(ch) ? (c <= 0xff ? `\\x${hex(2)}` : c <= 0xffff ? `\\u${hex(4)}` : `\\U${hex(8)}`) : ch);
  }
  return `${out}"`;
}

/** The yaml library's string tag, but a string PyYAML could not read raw is written escaped. */
function pyyamlSafeStrings(tag: ScalarTag): ScalarTag {
  return {
    ...tag,
    stringify(item, ctx, onComment, onChompKeep) {
      const v = String(item.value);
      return PYYAML_UNSAFE.test(v) ? pyyamlDoubleQuoted(v) : (tag.stringify as NonNullable<ScalarTag["stringify"]>)(item, ctx, onComment, onChompKeep);
    },
  };
}

/**
 * The yaml library's YAML 1.1 tags with PyYAML's scalar resolution (null, merge, binary and the
 * collections are the same in both), for reading and for writing: a string that PyYAML would read
 * as something else is quoted.
 */
export function pyyamlTags(tags: Tags): Tags {
  const kept = tags.filter((t) => typeof t === "string" || !REPLACED.has(t.tag) || "collection" in t).map((t) => (typeof t !== "string" && t.tag === "tag:yaml.org,2002:str" && !("collection" in t) ? pyyamlSafeStrings(t as ScalarTag) : t));
  const at = kept.findIndex((t) => typeof t !== "string" && t.tag === "tag:yaml.org,2002:null");
  return [...kept.slice(0, at + 1), ...PYYAML_SCALARS, ...kept.slice(at + 1)];
}

/**
 * Extra quoting when writing: a string that the yaml library's YAML 1.1 or YAML 1.2 (core) would read
 * as another type is quoted too (`"1e3"`, `"y"`, `"0o17"`), so every common reader sees a string.
 */
export const WRITE_COMPAT: Tags = [...new Document(null, { version: "1.1" }).schema.tags, ...new Document(null, { version: "1.2" }).schema.tags].filter((t) => typeof t !== "string" && "test" in t && t.test !== undefined && t.tag !== "tag:yaml.org,2002:str");
