import { createToken as chevrotainToken, Lexer, type ITokenConfig, type TokenType } from "chevrotain";

/**
 * The token vocabulary of kmig. Structural keywords are *soft*: they are also identifiers, so
 * that columns may be called `type`, `status`, `version` or `key`. The expression keywords
 * (`true`, `not`, `when`, `old`, …) are reserved; a column with such a name is written quoted.
 */

/** The category of every token: lets the parser skip one unknown token while it recovers. */
export const AnyToken = chevrotainToken({ name: "AnyToken", pattern: Lexer.NA });

/**
 * Every token names the characters it can start with (`start_chars_hint`): derived here for plain
 * literal patterns (`/->/`, `/\.\.\./`, keywords), written out for the others. Chevrotain would
 * otherwise analyse each regex at every start (~10 ms); test/grammar-speed-guards.test.ts checks
 * the hints against that analysis.
 */
function createToken(config: ITokenConfig): TokenType {
  const start_chars_hint = config.start_chars_hint ?? literalStart(config.pattern);
  return chevrotainToken({ ...config, ...(start_chars_hint && { start_chars_hint }), categories: [...toArray(config.categories), AnyToken] });
}

/** The first character of a pattern that is a plain literal, such as `/:=/` or `/\?\?/`. */
function literalStart(pattern: ITokenConfig["pattern"]): string[] | undefined {
  if (!(pattern instanceof RegExp) || !/^(?:\\[^\w]|[^\\^$.|?*+()[\]{}])+$/.test(pattern.source)) return undefined;
  return [pattern.source[0] === "\\" ? pattern.source[1] : pattern.source[0]];
}

const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"];
const DIGITS = [..."0123456789"];

function toArray(c: TokenType | TokenType[] | undefined): TokenType[] {
  return c === undefined ? [] : Array.isArray(c) ? c : [c];
}

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, start_chars_hint: LETTERS, label: "identifier" });
export const QuotedIdent = createToken({ name: "QuotedIdent", pattern: /"(?:[^"\n\r]|"")*"/, start_chars_hint: ['"'], label: "quoted identifier" });

const soft = (word: string): TokenType =>
  createToken({ name: word[0].toUpperCase() + word.slice(1), pattern: new RegExp(word), longer_alt: Identifier, categories: [Identifier], label: `\`${word}\`` });
const hard = (word: string): TokenType =>
  createToken({ name: word[0].toUpperCase() + word.slice(1), pattern: new RegExp(word), longer_alt: Identifier, label: `\`${word}\`` });

export const Migration = soft("migration");
export const Baseline = soft("baseline");
export const From = soft("from");
export const To = soft("to");
export const Version = soft("version");
export const Describe = soft("describe");
export const Allow = soft("allow");
export const Create = soft("create");
export const Table = soft("table");
export const Drop = soft("drop");
export const Rename = soft("rename");
export const Alter = soft("alter");
export const Add = soft("add");
export const Set = soft("set");
export const Type = soft("type");
export const Using = soft("using");
export const Default = soft("default");
export const Primary = soft("primary");
export const Key = soft("key");
export const Unique = soft("unique");
export const References = soft("references");
export const On = soft("on");
export const Delete = soft("delete");
export const Update = soft("update");
export const Cascade = soft("cascade");
export const Restrict = soft("restrict");
export const No = soft("no");
export const Action = soft("action");
export const Check = soft("check");
export const Foreign = soft("foreign");
export const Constraint = soft("constraint");
export const Index = soft("index");
export const Where = soft("where");
export const Concurrently = soft("concurrently");
export const Sql = soft("sql");
export const Reverse = soft("reverse");
export const Irreversible = soft("irreversible");
export const Map = soft("map");
export const Closed = soft("closed");
export const Keep = soft("keep");
export const Original = soft("original");
export const Def = soft("def");
export const Config = soft("config");
export const Patch = soft("patch");
export const Require = soft("require");
export const Remove = soft("remove");
export const Expect = soft("expect");
export const Desc = soft("desc");
export const Asc = soft("asc");
export const Comment = soft("comment");
export const Generated = soft("generated");
export const Always = soft("always");
export const As = soft("as");
export const Identity = soft("identity");
export const Stored = soft("stored");
export const By = soft("by");
export const Start = soft("start");
export const With = soft("with");
export const Increment = soft("increment");
export const Minvalue = soft("minvalue");
export const Maxvalue = soft("maxvalue");
export const Cache = soft("cache");
export const Cycle = soft("cycle");
export const Restart = soft("restart");
export const Owned = soft("owned");
export const None = soft("none");
export const Sequence = soft("sequence");
export const Enum = soft("enum");
export const Domain = soft("domain");
export const Value = soft("value");
export const Before = soft("before");
export const After = soft("after");
export const Between = soft("between");
// Index and constraint options, replica identity (PostgreSQL's words).
export const Include = soft("include");
export const Nulls = soft("nulls");
export const First = soft("first");
export const Last = soft("last");
export const Distinct = soft("distinct");
export const Deferrable = soft("deferrable");
export const Initially = soft("initially");
export const Deferred = soft("deferred");
export const Immediate = soft("immediate");
export const Valid = soft("valid");
export const Validate = soft("validate");
export const Exclude = soft("exclude");
export const Replica = soft("replica");
export const Full = soft("full");
export const Nothing = soft("nothing");
export const External = soft("external");
// Table block options: `recreate views`, `triggers fire`.
export const Recreate = soft("recreate");
export const Views = soft("views");
export const Triggers = soft("triggers");
export const Fire = soft("fire");
// What a `sql` item declares it did.
export const Creates = soft("creates");
export const Alters = soft("alters");
export const Drops = soft("drops");
// Citus: `create reference table t`, `create table t distributed by (c) colocate with u`.
export const Reference = soft("reference");
export const Distributed = soft("distributed");
export const Colocate = soft("colocate");

export const True = hard("true");
export const False = hard("false");
export const Null = hard("null");
export const Not = hard("not");
export const And = hard("and");
export const Or = hard("or");
export const In = hard("in");
export const Is = hard("is");
export const When = hard("when");
export const Then = hard("then");
export const Else = hard("else");
export const If = hard("if");
export const Old = hard("old");

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, start_chars_hint: [..." \t\r\n\f\v\u00a0\ufeff"], group: Lexer.SKIPPED });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, start_chars_hint: ["/"], group: "comments" });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, start_chars_hint: ["/"], group: "comments" });

export const TripleString = createToken({ name: "TripleString", pattern: /'''[\s\S]*?'''/, start_chars_hint: ["'"], label: "string" });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /'(?:[^'\\\n\r]|\\.)*'/, start_chars_hint: ["'"], label: "string" });

/**
 * Tokens that exist to be reported: an opening quote or `/*` with no end. An unclosed string or
 * quoted identifier still reaches the parser as one (its category), so that the statement around
 * it parses and only the missing quote is reported; an unclosed comment is dropped.
 */
export const UnterminatedBlockComment = createToken({ name: "UnterminatedBlockComment", pattern: /\/\*[\s\S]*/, start_chars_hint: ["/"], group: "invalid" });
export const UnterminatedTripleString = createToken({ name: "UnterminatedTripleString", pattern: /'''[\s\S]*/, start_chars_hint: ["'"], categories: [TripleString], label: "string" });
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /'(?:[^'\\\n\r]|\\.)*\\?/, start_chars_hint: ["'"], categories: [StringLiteral], label: "string" });
export const UnterminatedQuotedIdent = createToken({ name: "UnterminatedQuotedIdent", pattern: /"(?:[^"\n\r]|"")*/, start_chars_hint: ['"'], categories: [QuotedIdent], label: "quoted identifier" });

export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, start_chars_hint: DIGITS, label: "number" });

export const ColonEq = createToken({ name: "ColonEq", pattern: /:=/, label: "`:=`" });
export const Arrow = createToken({ name: "Arrow", pattern: /->/, label: "`->`" });
export const Ellipsis = createToken({ name: "Ellipsis", pattern: /\.\.\./, label: "`...`" });
export const QuestionQuestion = createToken({ name: "QuestionQuestion", pattern: /\?\?/, label: "`??`" });
export const Concat = createToken({ name: "Concat", pattern: /\|\|/, label: "`||`" });
export const EqEq = createToken({ name: "EqEq", pattern: /==|=/, start_chars_hint: ["="], label: "`==`" });
export const NotEq = createToken({ name: "NotEq", pattern: /!=|<>/, start_chars_hint: ["!", "<"], label: "`!=`" });
export const LessEq = createToken({ name: "LessEq", pattern: /<=/, label: "`<=`" });
export const GreaterEq = createToken({ name: "GreaterEq", pattern: />=/, label: "`>=`" });
export const Less = createToken({ name: "Less", pattern: /</, label: "`<`" });
export const Greater = createToken({ name: "Greater", pattern: />/, label: "`>`" });
export const Plus = createToken({ name: "Plus", pattern: /\+/, label: "`+`" });
export const Minus = createToken({ name: "Minus", pattern: /-/, label: "`-`" });
export const Star = createToken({ name: "Star", pattern: /\*/, label: "`*`" });
export const Slash = createToken({ name: "Slash", pattern: /\//, label: "`/`" });
export const Percent = createToken({ name: "Percent", pattern: /%/, label: "`%`" });
export const LBrace = createToken({ name: "LBrace", pattern: /\{/, label: "`{`" });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/, label: "`}`" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "`(`" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "`)`" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "`[`" });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/, label: "`]`" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "`,`" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "`.`" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "`:`" });
export const Question = createToken({ name: "Question", pattern: /\?/, label: "`?`" });
export const Dollar = createToken({ name: "Dollar", pattern: /\$/, label: "`$`" });
/** `&&`: only as an exclusion constraint's operator (`during with &&`), PostgreSQL's "overlaps". */
export const AmpAmp = createToken({ name: "AmpAmp", pattern: /&&/, label: "`&&`" });

export const SOFT_KEYWORDS: readonly TokenType[] = [
  Migration, Baseline, From, To, Version, Describe, Create, Table, Drop, Rename, Alter, Add, Set,
  Type, Using, Default, Primary, Key, Unique, References, On, Delete, Update, Cascade, Restrict, No,
  Action, Check, Foreign, Constraint, Index, Where, Concurrently, Sql, Reverse, Irreversible, Map,
  Closed, Keep, Original, Def, Config, Patch, Require, Remove, Expect, Desc, Asc, Comment,
  Generated, Always, As, Identity, Stored, By, Start, With, Increment, Minvalue, Maxvalue, Cache, Cycle, Restart, Owned, None, Sequence,
  Enum, Domain, Value, Before, After, Between,
  Include, Nulls, First, Last, Distinct, Deferrable, Initially, Deferred, Immediate, Valid, Validate, Exclude, Replica, Full, Nothing,
  External, Recreate, Views, Triggers, Fire, Creates, Alters, Drops, Allow, Reference, Distributed, Colocate,
];

export const RESERVED_WORDS: readonly TokenType[] = [True, False, Null, Not, And, Or, In, Is, When, Then, Else, If, Old];

/** Lexer order: comments before `/`, longer punctuation before its prefixes, keywords before identifiers. */
export const ALL_TOKENS: readonly TokenType[] = [
  AnyToken,
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  TripleString,
  UnterminatedTripleString,
  StringLiteral,
  UnterminatedString,
  QuotedIdent,
  UnterminatedQuotedIdent,
  NumberLiteral,
  ColonEq,
  Arrow,
  Ellipsis,
  QuestionQuestion,
  Concat,
  NotEq,
  LessEq,
  GreaterEq,
  EqEq,
  Less,
  Greater,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
  Colon,
  Question,
  Dollar,
  AmpAmp,
  // Longest first: `index` must be tried before `in`, `original` before `or`.
  ...[...RESERVED_WORDS, ...SOFT_KEYWORDS].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  Identifier,
];
