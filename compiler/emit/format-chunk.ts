/**
 * The formatting half of printing a module: prettier, loaded on first use only (the CLI bundle
 * keeps it external), with options fixed here and never read from a config file, so that the
 * output is the same byte for byte wherever kmig runs.
 */
export type ChunkFormatter = (text: string) => Promise<string>;

/** Loads prettier's standalone build with the two plugins TypeScript needs. */
export async function loadChunkFormatter(): Promise<ChunkFormatter> {
  const [prettier, babel, estree] = await Promise.all([import("prettier/standalone"), import("prettier/plugins/babel"), import("prettier/plugins/estree")]);
  // babel-ts formats TypeScript as the typescript parser does, and starts faster.
  return (text) => prettier.format(text, { parser: "babel-ts", plugins: [babel, estree], printWidth: 120, endOfLine: "lf" });
}

import type { LaidOutChunk } from "./layout-module.js";

/** A formatting job: one chunk of one module. */
export interface ChunkJob {
  readonly module: number;
  readonly chunk: number;
  readonly text: string;
}

/**
 * The jobs for every chunk of every module that prettier has to format, longest first so that
 * threads sharing them finish together. Every thread computes the same list from the same chunks,
 * so a job's index names it.
 */
export function chunkJobs(chunks: readonly (readonly LaidOutChunk[])[]): ChunkJob[] {
  const jobs = chunks.flatMap((laid, module) => laid.flatMap((c, chunk) => (c.format ? [{ module, chunk, text: c.text }] : [])));
  return jobs.sort((a, b) => b.text.length - a.text.length || a.module - b.module || a.chunk - b.chunk);
}

/** Each module's text: its chunks in order (formatted where they needed it), a blank line between them. */
export function joinChunks(chunks: readonly (readonly LaidOutChunk[])[], jobs: readonly ChunkJob[], formatted: readonly string[]): string[] {
  const out = chunks.map((laid) => laid.map((c) => c.text));
  jobs.forEach((job, i) => {
    out[job.module][job.chunk] = formatted[i];
  });
  return out.map((parts) => parts.join("\n"));
}
