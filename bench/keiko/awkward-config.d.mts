/** Types of awkward-config.mjs (for the TypeScript tests that use it). */
export declare function prng(seed: number): () => number;
export declare const SCALARS: readonly string[];
export declare function awkwardFolder(seed: number, options?: { nameless?: boolean }): { files: Record<string, Buffer>; nameless: string | null };
