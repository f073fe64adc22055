import fc from "fast-check";
import { interval_negate } from "../../stdlib/interval_negate.js";
import { interval_times } from "../../stdlib/interval_times.js";
import { stdlibSuite } from "./support/suite.js";
import { intervalArb } from "./support/time-arbitraries.js";
import { T } from "./support/types.js";

const factor = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, 1, -1));

stdlibSuite(interval_times, {
  examples: [
    { types: [T.interval, T.integer], args: ["1 mon 2 days 03:00:00", 3], result: "3 mons 6 days 09:00:00" },
    { types: [T.integer, T.interval], args: [-2, "1 day -00:00:00.5"], result: "-2 days +00:00:01" },
    { types: [T.interval, T.integer], args: ["1 year", 0], result: "00:00:00" },
  ],
  agreement: [
    { types: [T.intervalN, T.integer], args: [intervalArb, factor] },
    { types: [T.smallint, T.interval], args: [factor, intervalArb] },
  ],
});

stdlibSuite(interval_negate, {
  examples: [
    { types: [T.interval], args: ["1 mon -2 days"], result: "-1 mons +2 days" },
    { types: [T.interval], args: ["00:00:00"], result: "00:00:00" },
  ],
  agreement: [{ types: [T.intervalN], args: [intervalArb] }],
});
