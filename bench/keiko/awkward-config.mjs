// Awkward Keiko v1.9 config folders (config.yml, database.yml, agents/*.yml), written as YAML text
// by hand so that every awkward spelling appears: anchors, aliases and `<<` merges, explicit nulls
// and missing keys, falsy-but-present values, strings that look like other types, floats, big ints,
// unicode keys and values, multi-line strings, comments, empty and comment-only files, CRLF, BOM.
// Deterministic: the same seed gives the same bytes.

/** A small seeded PRNG (mulberry32): [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scalars as YAML source, each read by PyYAML as something particular. */
export const SCALARS = [
  // nulls, and what only looks like one
  "null", "~", "Null", "NULL", "", "'null'", '"~"', "nULL",
  // falsy but present
  "0", "false", "no", "off", "0.0", "-0", '""', "''", "[]", "{}", "0x0", "0b0", "000",
  // truthy look-alikes
  '"false"', '"0"', "'no'", "'off'", '" "', "'0.0'",
  // strings to PyYAML, other types to other readers
  "1e3", "1E+3", "1.0e3", "-.5", "+.5", "09", "0:30", "0o17", "y", "n", "Y", "2024-5-1", ".", "nan", "inf", "1_",
  // numbers
  "1.0", "3.", ".5", "1_000", "1_0.5", "0x1F", "017", "0b101", "1:20", "1:20.5", "+12", "-7", "1.0e+3", "6.02e+23",
  "12345678901234567890", "-12345678901234567890", "9007199254740993", ".inf", "-.Inf", ".NaN", "2.50", "1.0e+21", "-1.0e-7", "123456789012345678901.0", "!!float 3", "!!str 42",
  // booleans
  "true", "True", "yes", "YES", "on", "On",
  // dates and times (PyYAML: date / datetime)
  "2024-05-01", "2024-05-01 10:00:00", "2001-12-14t21:59:43.10-05:00", "2024-05-01T10:00:00Z", "'2024-05-01'",
  // text
  "production", "ünïcödé", '"😀 emoji"', "日本語", '"tab\\there"', "'it''s'", '"quote \\" inside"', '"\\u00e9t\\u00e9"',
  "'#not a comment'", "a b c", "'a: b'", '"- dash"', "'[not, a, list]'", "http://host:8080/x?y=1#frag", "'  padded  '", '"del\\x7f c1\\x80 nel\\N ls\\L bom\\ufeff"', "'single ''quoted'' 1e3'",
  // flow collections
  "[1, two, 3.0, null, yes]", "{a: 1, b: [x, y], 'c d': ~}", "[]", "{}", "[[nested]]", "{ünï: cödé}",
];

/** Block values: lines after `key:`, indented by the caller. */
const BLOCKS = [
  ["|", "  line one", "  line two"],
  ["|-", "  no trailing newline"],
  ["|+", "  keep", ""],
  [">", "  folded", "  text"],
  [">-", "  folded", "  stripped"],
  ["", "  nested: ünï", "  n: 1.0", "  deeper:", "    x: ~"],
  ["", "  - a", "  - 1", "  - null", "  - [x, y]"],
  ["", "  - name: inner", "    value: 0"],
  ["", "  429: retry", "  null: none", "  2024-01-01: day", "  1.5: half", "  true: yes"],
];

const FLAG_VALUES = ["true", "false", "yes", "no", "0", "1", "-1", "0.0", "0.5", '""', '"0"', '"false"', "'no'", "[]", "[0]", "{}", "{a: 1}", "null", "~", "ünï", ".nan", "2024-05-01"];
const TYPES = ["text_processor", "image_generator", "generic", "other", "''", "~", "null", "Text_Processor", "'text_processor'", '"image_generator"'];
const NAMES = ["writer", "ünï-agent", '"123"', "'yes'", '"null"', "'1.0'", "agent with spaces", '"😀"', "'2024-05-01'", "x"];
const FILE_NAMES = ["writer", "painter", "ünï", "agent 1", "a.b", "z", "日本", "UPPER"];

const MAIN_KEYS = ["env", "host", "port", "workers", "debug", "log_level", "log_file"];
const DB_KEYS = ["database_url", "pool_size", "max_overflow", "read_replicas"];
const AGENT_KEYS = ["type", "timeout", "max_tasks", "max_retries", "retry_delay", "supports_text_processing", "supports_image_generation", "supports_data_analysis", "external", "description", "tags"];
const NOISE_KEYS = ["ключ", '"quoted key"', "emoji😀", "'yes'", "1", "x-extra", "__proto__"];

/**
 * The lines of one mapping file: some of `keys` (missing ones left out), noise keys, comments,
 * anchors, aliases and merges. `required` are always written (with `valueOf(key)`).
 */
function mappingLines(rnd, keys, valueOf, required = []) {
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const chance = (p) => rnd() < p;
  const lines = [];
  const anchors = [];
  if (chance(0.3)) lines.push(pick(["# Keiko v1.9 — ünï comment", "#", "# a: commented out", "%YAML 1.1", "---"]));
  if (lines.at(-1) === "%YAML 1.1") lines.push("---");
  // A merge base: a mapping with some of the keys, merged into the top level with `<<`.
  let merged = false;
  if (chance(0.3)) {
    lines.push("x-defaults: &defaults");
    for (const k of keys.filter(() => chance(0.4))) lines.push(`  ${k}: ${pick(SCALARS)}`);
    if (lines.at(-1) === "x-defaults: &defaults") lines.push("  unrelated: 1");
    merged = true;
  }
  const order = [...required, ...keys.filter((k) => !required.includes(k) && chance(0.7)), ...NOISE_KEYS.filter(() => chance(0.08))].sort(() => rnd() - 0.5);
  if (merged) order.splice(Math.floor(rnd() * (order.length + 1)), 0, "<<");
  for (const k of order) {
    if (chance(0.1)) lines.push(pick(["# comment", "   # indented comment", ""]));
    if (k === "<<") {
      lines.push(chance(0.7) ? "<<: *defaults" : "<<: [*defaults]");
      continue;
    }
    const value = required.includes(k) ? valueOf(k) : null;
    if (value !== null) {
      lines.push(`${k}: ${value}`);
      continue;
    }
    if (anchors.length > 0 && chance(0.15)) {
      lines.push(`${k}: *${pick(anchors)}`);
      continue;
    }
    if (chance(0.2)) {
      const [head, ...rest] = pick(BLOCKS);
      const anchor = chance(0.3) ? `a${anchors.push(`a${anchors.length}`) - 1}` : null;
      lines.push(`${k}:${anchor ? ` &${anchor}` : ""}${head ? ` ${head}` : ""}`, ...rest);
      continue;
    }
    const anchor = chance(0.1) ? `a${anchors.push(`a${anchors.length}`) - 1}` : null;
    const v = valueOf(k) ?? pick(SCALARS);
    // An anchor on an empty value anchors a null; an inline comment needs a space before `#`.
    const comment = chance(0.15) && v !== "" ? pick([" # trailing", "  # ünï"]) : "";
    lines.push(`${k}:${anchor ? ` &${anchor}` : ""}${v === "" ? "" : ` ${v}`}${comment}`);
  }
  return lines;
}

/** The bytes of a file: its lines, maybe CRLF, maybe a BOM, maybe no final newline. */
function encode(rnd, lines) {
  let text = lines.join("\n");
  if (rnd() < 0.9) text += "\n";
  if (rnd() < 0.15) text = text.replace(/\n/g, "\r\n");
  return Buffer.concat([rnd() < 0.1 ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, "utf8")]);
}

/**
 * One awkward v1 folder: `{ files: { path: Buffer }, nameless: path | null }`. With `nameless`, one
 * agent file has no usable `name` (missing, null or empty): the run must stop on it.
 */
export function awkwardFolder(seed, { nameless = false } = {}) {
  const rnd = prng(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const files = {};
  const special = () => (rnd() < 0.08 ? pick([[], ["# only a comment"], ["---"], ["~"]]) : null);
  files["config.yml"] = encode(rnd, special() ?? mappingLines(rnd, MAIN_KEYS, () => null));
  files["database.yml"] = encode(rnd, special() ?? mappingLines(rnd, DB_KEYS, (k) => (k === "database_url" && rnd() < 0.5 ? pick(["postgresql://keiko@localhost/keiko_v1", "'postgres://ü:p@h/db?sslmode=require'", "~"]) : null)));
  const agentValue = (k) => (k === "name" ? pick(NAMES) : k === "type" && rnd() < 0.6 ? pick(TYPES) : k.startsWith("supports_") && rnd() < 0.8 ? pick(FLAG_VALUES) : null);
  const count = 1 + Math.floor(rnd() * 4);
  const used = new Set();
  for (let i = 0; i < count; i++) {
    let name = pick(FILE_NAMES);
    while (used.has(name)) name += "x";
    used.add(name);
    files[`agents/${name}.yml`] = encode(rnd, mappingLines(rnd, AGENT_KEYS, agentValue, ["name"]));
  }
  let bad = null;
  if (nameless) {
    bad = `agents/${pick(["nameless", "zz-last", "0-first", "ünï-nameless"])}.yml`;
    const lines = mappingLines(rnd, AGENT_KEYS, (k) => (k === "name" ? null : agentValue(k)));
    const how = pick(["missing", "null", "tilde", "empty", "missing"]);
    if (how !== "missing") lines.push(how === "null" ? "name: null" : how === "tilde" ? "name: ~" : "name:");
    files[bad] = encode(rnd, lines);
  }
  return { files, nameless: bad };
}
