import type { Builtin } from "./builtin.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { concat } from "./concat.js";
import { default_ } from "./default.js";
import { distinct } from "./distinct.js";
import { gen_random_uuid } from "./gen_random_uuid.js";
import { has_key } from "./has_key.js";
import { json_array } from "./json_array.js";
import { json_get } from "./json_get.js";
import { json_object } from "./json_object.js";
import { length } from "./length.js";
import { lower } from "./lower.js";
import { merge } from "./merge.js";
import { now } from "./now.js";
import { current_date } from "./current_date.js";
import { current_timestamp } from "./current_timestamp.js";
import { localtimestamp } from "./localtimestamp.js";
import { random } from "./random.js";
import { sort } from "./sort.js";
import { to_bool } from "./to_bool.js";
import { to_int } from "./to_int.js";
import { to_json } from "./to_json.js";
import { to_number } from "./to_number.js";
import { to_text } from "./to_text.js";
import { trim } from "./trim.js";
import { truthy } from "./truthy.js";
import { upper } from "./upper.js";
import { lpad } from "./lpad.js";
import { rpad } from "./rpad.js";
import { substr } from "./substr.js";
import { replace } from "./replace.js";
import { split_part } from "./split_part.js";
import { time_plus } from "./time_plus.js";
import { time_minus } from "./time_minus.js";
import { interval_times } from "./interval_times.js";
import { interval_negate } from "./interval_negate.js";

export type { Builtin, SignatureResult, Volatility } from "./builtin.js";
export type { ExampleArg, StdlibBuiltin } from "./support/stdlib-builtin.js";
export { sqlString } from "./support/sql.js";

const ALL: readonly StdlibBuiltin[] = [
  default_,
  truthy,
  lower,
  upper,
  trim,
  length,
  lpad,
  rpad,
  substr,
  replace,
  split_part,
  concat,
  now,
  current_timestamp,
  current_date,
  localtimestamp,
  random,
  gen_random_uuid,
  json_get,
  has_key,
  json_object,
  json_array,
  merge,
  to_json,
  distinct,
  sort,
  to_text,
  to_int,
  to_number,
  to_bool,
];

/** Every built-in function of the expression language, by the name a spec calls it with. */
export const BUILTINS: ReadonlyMap<string, StdlibBuiltin> = new Map(ALL.map((b) => [b.name, b]));

/**
 * The operators on dates, times and intervals (`+`, `-`, `*`, `unary -`): built-ins the checker
 * calls for arithmetic on such values, which both lowerings reach through `lookupBuiltin`; a spec
 * cannot call them by name (they are not identifiers).
 */
export const TIME_OPERATORS: ReadonlyMap<string, StdlibBuiltin> = new Map([time_plus, time_minus, interval_times, interval_negate].map((b) => [b.name, b]));

/** The built-in called `name` (or a date/time operator), or undefined (names are case-sensitive, as in specs). */
export function lookupBuiltin(name: string): Builtin | undefined {
  return BUILTINS.get(name) ?? TIME_OPERATORS.get(name);
}
