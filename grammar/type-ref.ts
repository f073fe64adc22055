import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { closestMatch, didYouMean } from "../core/diagnostics/suggest.js";
import { joinSpans, tokenSpan } from "./leaves.js";
import type { LiteralProblem } from "./literals.js";
import { CANONICAL_TYPES, KNOWN_OPAQUE_TYPES, PHRASES, type Phrase } from "./type-names.js";

/**
 * Reading a written type (`TypeParts`, what the `typeRef` rule collected) into a `TypeRef`: its
 * words matched against every spelling of every built-in type, its arguments checked. A type's
 * words all stand on one line; a word that does not continue the type is an error at that word,
 * never the start of another column (`time with time` is `time with time zone` cut short).
 */

/** A word of a type, or its `( … )` argument list (each argument as the tokens it was written with). */
export type TypePiece =
  | { readonly kind: "word"; readonly token: IToken }
  | { readonly kind: "args"; readonly args: readonly (readonly IToken[])[]; readonly span: A.Span };

/**
 * What a `typeRef` rule read. It becomes a TypeRef (`typeRefOf`) only where the statement around
 * it uses it, since reading it reports unknown types and bad arguments.
 */
export interface TypeParts {
  /** The schema of a qualified name (`public.mytype`): always a type kmig does not model. */
  readonly schema?: IToken;
  /** The first word (after the schema, if any). */
  readonly name: IToken | undefined;
  /** The words after the first and the argument list, in the order written. */
  readonly pieces: readonly TypePiece[];
  readonly arrayDims: number;
  readonly nullable: boolean;
  readonly span: A.Span;
}

/** Whether `typeRefOf` makes a type of these parts (it reports nothing when it does not). */
export function hasTypeName(parts: TypeParts | undefined): boolean {
  return parts?.name !== undefined && !parts.name.isInsertedInRecovery;
}

export function typeRefOf(parts: TypeParts | undefined, problems: LiteralProblem[]): A.TypeRef | null {
  const nameTok = parts?.name;
  if (!parts || !nameTok || nameTok.isInsertedInRecovery) return null;
  const span = parts.span;
  const words = [nameTok, ...parts.pieces.flatMap((p) => (p.kind === "word" ? [p.token] : []))];
  let arrayDims = parts.arrayDims;
  if (words.length > 1 && words[words.length - 1].image.toLowerCase() === "array") {
    const array = words.pop() as IToken;
    if (arrayDims > 1) problems.push({ code: "K1201", span: tokenSpan(array, span), message: "`array` after a type makes one dimension", help: "write each dimension as `[]`: `integer[][]`" });
    arrayDims = 1;
  }
  const opaque = opaqueTypeRef(parts, words, arrayDims, problems);
  if (opaque) return opaque;
  // One word that is no built-in type names a type of the chain (an enum, a domain): the checker resolves it.
  // (A name with arguments is no such type: it is reported below as a misspelt built-in, `varchr(20)`.)
  if (words.length === 1 && parts.pieces.length === 0 && nameTok.tokenType.name !== "QuotedIdent" && !PHRASES.some((p) => p.words[0] === nameTok.image.toLowerCase()) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(nameTok.image)) {
    return { kind: "TypeRef", name: nameTok.image, args: [], arrayDims, nullable: parts.nullable, named: true, span };
  }
  const phrase = matchWords(words, span, problems);
  if (!phrase) return { kind: "TypeRef", name: words.map((w) => w.image).join(" "), args: [], arrayDims, nullable: parts.nullable, span };
  const groups = parts.pieces.flatMap((p, i) => (p.kind === "args" ? [{ ...p, at: 1 + parts.pieces.slice(0, i).filter((x) => x.kind === "word").length }] : []));
  for (const extra of groups.slice(1)) problems.push({ code: "K1202", span: extra.span, message: "a type has at most one argument list", help: "write its arguments together: `numeric(10, 2)`" });
  const group = groups[0];
  const written = numbersOf(group, phrase, problems);
  const { type, args } = phrase.words[0] === "float" && written.length === 1 ? floatType(written[0], group.span, problems) : { type: bpcharType(phrase.type, written), args: written };
  if (group) checkArgsPlace(phrase, group, problems);
  checkArity(type, args, group?.span ?? span, problems);
  return { kind: "TypeRef", name: type, args, ...(phrase.fields ? { fields: phrase.fields } : {}), arrayDims, nullable: parts.nullable, span };
}

/**
 * The built-in spelling `words` make, or null after reporting why they make none: an unknown
 * first word, a word that does not continue the type, or a type cut short.
 */
function matchWords(words: readonly IToken[], span: A.Span, problems: LiteralProblem[]): Phrase | null {
  const lower = words.map((w) => w.image.toLowerCase());
  let candidates: readonly Phrase[] = PHRASES;
  let matched = 0;
  while (matched < words.length) {
    const next = candidates.filter((p) => p.words[matched] === lower[matched]);
    if (next.length === 0) break;
    candidates = next;
    matched++;
  }
  const complete = candidates.find((p) => p.words.length === matched);
  if (matched === words.length && complete) return complete;
  const written = words.map((w) => w.image).join(" ");
  const wordSpan = (i: number) => tokenSpan(words[i], span);
  const phraseSpan = joinSpans(wordSpan(0), wordSpan(words.length - 1));
  if (matched === 0) {
    problems.push({ code: "K1201", span: words.length > 1 ? phraseSpan : wordSpan(0), message: `unknown type \`${written}\``, help: didYouMean(written, PHRASES.map(spelling)) ?? knownTypesHelp() });
    return null;
  }
  const head = words.slice(0, matched).map((w) => w.image).join(" ");
  if (matched === words.length) {
    const completion = [...candidates].sort((a, b) => a.words.length - b.words.length)[0];
    problems.push({
      code: "K1201",
      span: phraseSpan,
      message: `\`${written}\` is not a type: it stops short`,
      label: `\`${completion.words[matched]}\` missing after this`,
      help: `did you mean \`${spelling(completion)}\`?`,
    });
    return null;
  }
  const options = [...new Set(candidates.flatMap((p) => (p.words.length > matched ? [p.words[matched]] : [])))];
  const meant = closestMatch(words[matched].image, options);
  const bad = words[matched].image;
  if (meant || !complete) {
    problems.push({
      code: "K1201",
      span: wordSpan(matched),
      message: `\`${bad}\` does not continue the type \`${head}\``,
      label: `expected ${options.map((o) => `\`${o}\``).join(" or ")}`,
      help: meant ? `did you mean \`${corrected(lower, matched, meant, candidates)}\`?` : `the types that begin this way: ${candidates.map((p) => `\`${spelling(p)}\``).join(", ")}`,
    });
    return null;
  }
  problems.push({
    code: "K1201",
    span: wordSpan(matched),
    message: `\`${bad}\` does not continue the type \`${head}\``,
    label: "the type ends before this",
    help: "a column's type and modifiers stand on one line, and the next column on a line of its own",
  });
  return null;
}

const spelling = (p: Phrase): string => p.words.join(" ");

/**
 * A type kmig does not model, with its modifiers: a schema-qualified name (`public.mytype`,
 * `postgis.geometry(Point, 4326)`), or a well-known one with modifiers (`geometry(Point, 4326)`,
 * `vector(1536)`). The checker makes it an opaque type (a one-word name without modifiers reaches
 * it as a named type, since the chain may declare an enum or domain of that name). Null: not one.
 */
function opaqueTypeRef(parts: TypeParts, words: readonly IToken[], arrayDims: number, problems: LiteralProblem[]): A.TypeRef | null {
  const groups = parts.pieces.filter((p): p is Extract<TypePiece, { kind: "args" }> => p.kind === "args");
  const word = words[0].image;
  if (words.length !== 1) return null;
  if (!parts.schema && !(groups.length === 1 && KNOWN_OPAQUE_TYPES.has(word.toLowerCase()) && !PHRASES.some((p) => p.words[0] === word.toLowerCase()))) return null;
  for (const extra of groups.slice(1)) problems.push({ code: "K1202", span: extra.span, message: "a type has at most one argument list", help: "write its modifiers together: `geometry(Point, 4326)`" });
  const modifiers = (groups[0]?.args ?? []).map((arg) => arg.map((t) => t.image).join(""));
  const name = parts.schema ? `${parts.schema.image}.${word}` : word;
  return { kind: "TypeRef", name, args: [], arrayDims, nullable: parts.nullable, named: true, ...(modifiers.length ? { modifiers } : {}), span: parts.span };
}

/** The spelling meant when word `at` is taken for `meant`: the words written with that one fixed, or the shortest type so begun. */
function corrected(words: readonly string[], at: number, meant: string, candidates: readonly Phrase[]): string {
  const fixed = [...words.slice(0, at), meant, ...words.slice(at + 1)];
  const begun = candidates.filter((p) => p.words[at] === meant);
  const exact = begun.find((p) => spelling(p) === fixed.join(" "));
  return spelling(exact ?? [...begun].sort((a, b) => a.words.length - b.words.length)[0]);
}

function knownTypesHelp(): string {
  return `kmig knows ${Object.keys(CANONICAL_TYPES).join(", ")}`;
}

/** The whole numbers of an argument list; anything else is reported. */
function numbersOf(group: { args: readonly (readonly IToken[])[]; span: A.Span } | undefined, phrase: Phrase, problems: LiteralProblem[]): number[] {
  if (!group) return [];
  const out: number[] = [];
  for (const arg of group.args) {
    const text = arg.map((t) => t.image).join("");
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) out.push(Number(text));
    else problems.push({ code: "K1202", span: group.span, message: `the arguments of \`${spelling(phrase)}\` are numbers, found \`${text}\``, help: "type arguments are whole numbers: `varchar(50)`, `numeric(10, 2)`" });
  }
  return out;
}

/** `bpchar(n)` is `char(n)`; only `bpchar` alone (no length limit) is a type of its own. */
function bpcharType(type: string, args: readonly number[]): string {
  return type === "bpchar" && args.length > 0 ? "char" : type;
}

/** `float(p)`: PostgreSQL's `real` for 1 to 24 bits of precision, `double precision` for 25 to 53. */
function floatType(p: number, span: A.Span, problems: LiteralProblem[]): { type: string; args: number[] } {
  if (Number.isInteger(p) && p >= 1 && p <= 53) return { type: p <= 24 ? "real" : "double precision", args: [] };
  problems.push({ code: "K1202", span, message: "the precision of `float` must be a whole number from 1 to 53", help: "`float(24)` is `real`, `float(53)` is `double precision`" });
  return { type: "double precision", args: [] };
}

/** The argument list stands where PostgreSQL reads it: `time(3) with time zone`, `interval day to second(3)`. */
function checkArgsPlace(phrase: Phrase, group: { at: number; args: readonly (readonly IToken[])[]; span: A.Span }, problems: LiteralProblem[]): void {
  const { at, span } = group;
  const written = `(${group.args.map((a) => a.map((t) => t.image).join("")).join(", ")})`;
  if (phrase.fields !== undefined && !phrase.fields.endsWith("second")) {
    problems.push({ code: "K1202", span, message: `\`interval ${phrase.fields}\` takes no precision`, help: "only interval fields that end in `second` have one: `interval day to second(3)`" });
    return;
  }
  const place = phrase.argsAfter ?? phrase.words.length;
  if (at === place) return;
  const before = phrase.words.slice(0, place).join(" ");
  const after = phrase.words.slice(place).join(" ");
  problems.push({
    code: "K1202",
    span,
    message: `the arguments of \`${spelling(phrase)}\` go after \`${before}\``,
    label: "in the wrong place",
    help: `write \`${before}${written}${after ? ` ${after}` : ""}\``,
  });
}

function checkArity(canonical: string, args: readonly number[], span: A.Span, problems: LiteralProblem[]): void {
  const arity = CANONICAL_TYPES[canonical];
  if (args.length > arity.max) {
    problems.push({
      code: "K1202",
      span,
      message: arity.max === 0 ? `type \`${canonical}\` takes no arguments` : `type \`${canonical}\` takes at most ${arity.max} argument${arity.max === 1 ? "" : "s"}`,
      help: arity.max === 0 ? `write \`${canonical}\`` : `write it as ${arity.example}`,
    });
    return;
  }
  args.forEach((a, i) => {
    const [lo, hi] = arity.bounds[i];
    if (!Number.isInteger(a) || a < lo || a > hi) {
      problems.push({ code: "K1202", span, message: `argument ${i + 1} of \`${canonical}\` must be a whole number from ${lo} to ${hi}`, help: `for example ${arity.example}` });
    }
  });
}
