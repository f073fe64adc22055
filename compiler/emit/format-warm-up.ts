import type { ChunkFormatter } from "./format-chunk.js";

/**
 * Samples of what the layout hands prettier: declarations as ts-morph writes them, long lines
 * unbroken. Formatting them exercises the parts of prettier a plan module needs (interfaces, type
 * unions, object and array literals, nested calls, conditionals, arrow functions, casts, comments).
 * Several small samples rather than one: the warm-up can stop sooner when the real work comes.
 */
const SAMPLES = [
  `/** A row of \`agents\` after the migration. */
export interface AgentsAfter {
    /** Generated. */
    readonly id: string;
    readonly status: string | undefined;
    readonly capabilities: Json | undefined;
}

/** A kmig expression type. */
export type KmigType = { readonly kind: "scalar"; readonly name: string; readonly args: readonly number[]; readonly nullable: boolean } | { readonly kind: "array"; readonly element: KmigType; readonly nullable: boolean } | { readonly kind: "null" };
`,
  `/** The new value of each column. */
export function mapAgents(row: AgentsBefore, rt: Rt): Pick<AgentsAfter, "type" | "status" | "updated_at" | "capabilities" | "metadata"> {
    return {
    type: rt.call("default", [row["agent_type"], "generic"], [types["varchar(50)?"], types["text"]]) as AgentsAfter["type"],
    capabilities: rt.call("sort", [rt.call("distinct", [rt.array([{ value: rt.call("to_json", ["text_processing"], [types["text"]]), guard: rt.call("truthy", [rt.get(row["config"], "supports_text_processing")], [types["jsonb?"]]) }, { spread: rt.truthyCond(rt.compare("==", row["agent_type"], "text_processor", false)) ? rt.array([{ value: rt.call("to_json", ["summarization"], [types["text"]]) }]) : rt.truthyCond(rt.compare("==", row["agent_type"], "image_generator", false)) ? rt.array([]) : rt.array([]) }])], [types["jsonb"]])], [types["jsonb"]]) as AgentsAfter["capabilities"],
    // stash: \`status\` is overwritten; the rows whose value changes keep their original in the stash
    metadata: rt.object([{ key: "migrated_from", value: rt.call("to_json", ["v1.x"], [types["text"]]), optional: false }, { key: "tags", value: rt.get(row["config"], "tags"), optional: true }]) as AgentsAfter["metadata"],
  };
}
`,
  `/** The \`expect\`s of the block. */
export const expectAgents: readonly Expectation<AgentsBefore, AgentsAfter>[] = [{ origin: { file: "specs/a.kmig", line: 42, column: 5 }, text: "expect type == (old.agent_type ?? 'generic')", holds: (row, next, rt) => rt.compare("==", next["type"], rt.call("default", [row["agent_type"], "generic"], [types["varchar(50)?"], types["text"]]), false) }];

/** A value written into a document. */
function jsonValue(v: unknown): Json {
    return v === undefined ? null : (v as Json);
}
`,
];

/**
 * Formats the samples, up to `rounds` times over, until `stop()` says the real work has come. prettier
 * runs its first calls slowly (V8 compiles its functions lazily and optimises them only once they
 * are hot): a thread that would otherwise wait, doing this, then formats the real chunks faster.
 * The formatted sample is thrown away, so the output cannot depend on it.
 */
export async function warmUpFormatter(format: ChunkFormatter, stop: () => boolean, rounds = 6): Promise<void> {
  for (let i = 0; i < rounds * SAMPLES.length && !stop(); i++) await format(SAMPLES[i % SAMPLES.length]);
}
