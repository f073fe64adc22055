/** Types of gen-large-spec.mjs for the TypeScript tests that generate chains with it. */

/** Where `node bench/gen-large-spec.mjs` writes the large spec. */
export declare const LARGE_SPEC_DIR: string;

/** The spec as files `{ name, text }`, at least `bytes` characters in all; the same for the same options. */
export declare function generateLargeSpec(options?: { seed?: number; bytes?: number; kbPerFile?: number }): { name: string; text: string }[];

/** Writes the generated spec into `dir` (emptied first) and returns its size in bytes. */
export declare function writeLargeSpec(dir: string, options?: { seed?: number; bytes?: number; kbPerFile?: number }): number;
