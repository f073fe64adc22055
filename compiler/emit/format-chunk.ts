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

/** Each module's text: its chunks in order (formatted where they need it), a blank line between them. */
export async function formatModules(chunks: readonly (readonly LaidOutChunk[])[], format: ChunkFormatter): Promise<string[]> {
  const texts: string[] = [];
  for (const laid of chunks) {
    const parts: string[] = [];
    for (const chunk of laid) parts.push(chunk.format ? await format(chunk.text) : chunk.text);
    texts.push(parts.join("\n"));
  }
  return texts;
}
