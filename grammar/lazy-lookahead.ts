import { LLkLookaheadStrategy, type ILookaheadStrategy, type IOrAlt } from "chevrotain";

type Strategy = ILookaheadStrategy;
type AlternationOptions = Parameters<Strategy["buildLookaheadForAlternation"]>[0];
type OptionalOptions = Parameters<Strategy["buildLookaheadForOptional"]>[0];

/**
 * Chevrotain's LL(k) lookahead, each function built the first time its production is reached
 * rather than all at parser construction. Building them all is the largest part of constructing
 * the parser (some 40 ms at every start of `kmig`), and a run parses a few files that reach only
 * part of the grammar. The functions are the ones LL(k) builds, so parsing decides the same.
 * Once built, a function takes the place of its stand-in in the parser's cache (`replace`): a
 * call through the stand-in costs every lookahead an extra call, some 7% of all parsing work.
 */
export class LazyLookahead implements Strategy {
  private readonly llk: Strategy;

  constructor(maxLookahead: number) {
    this.llk = new LLkLookaheadStrategy({ maxLookahead });
  }

  validate(options: Parameters<Strategy["validate"]>[0]): ReturnType<Strategy["validate"]> {
    return this.llk.validate(options);
  }

  initialize(options: { rules: Parameters<Strategy["validate"]>[0]["rules"] }): void {
    this.llk.initialize?.(options);
  }

  buildLookaheadForAlternation(options: AlternationOptions): ReturnType<Strategy["buildLookaheadForAlternation"]> {
    const llk = this.llk;
    let built: ReturnType<Strategy["buildLookaheadForAlternation"]> | undefined;
    // Called with the parser as `this`, as chevrotain calls the function it stands for.
    const standIn = function (this: unknown, alts?: IOrAlt<unknown>[]): number | undefined {
      if (built === undefined) built = replace(this, standIn, llk.buildLookaheadForAlternation(options));
      return built.call(this, alts);
    };
    return standIn;
  }

  buildLookaheadForOptional(options: OptionalOptions): ReturnType<Strategy["buildLookaheadForOptional"]> {
    const llk = this.llk;
    let built: ReturnType<Strategy["buildLookaheadForOptional"]> | undefined;
    const standIn = function (this: unknown): boolean {
      if (built === undefined) built = replace(this, standIn, llk.buildLookaheadForOptional(options));
      return built.call(this);
    };
    return standIn;
  }
}

/**
 * Puts `built` where `standIn` is in the lookahead cache of `parser` (a Map in chevrotain 11,
 * pinned; test/grammar-speed-guards.test.ts checks it still is), and returns it.
 */
function replace<F>(parser: unknown, standIn: unknown, built: F): F {
  const cache = (parser as { lookAheadFuncsCache?: unknown }).lookAheadFuncsCache;
  if (cache instanceof Map) {
    for (const [key, fn] of cache) {
      if (fn === standIn) {
        cache.set(key, built);
        break;
      }
    }
  }
  return built;
}
