import { time_plus } from "../../stdlib/time_plus.js";
import { stdlibSuite } from "./support/suite.js";
import { dateArb, dayCountArb, finiteDateArb, intervalArb, timeArb, timestampArb, timestamptzArb } from "./support/time-arbitraries.js";
import { T } from "./support/types.js";

stdlibSuite(time_plus, {
  examples: [
    { types: [T.timestamp, T.interval], args: ["2022-01-31 00:00:00", "1 mon"], result: "2022-02-28 00:00:00" },
    { types: [T.timestamp, T.interval], args: ["2024-01-31 10:00:00", "1 mon 1 day"], result: "2024-03-01 10:00:00" },
    { types: [T.date, T.integer], args: ["2022-08-01", 3], result: "2022-08-04" },
    { types: [T.integer, T.date], args: [-1, "2024-03-01"], result: "2024-02-29" },
    { types: [T.date, T.interval], args: ["2022-08-01", "30 days"], result: "2022-08-31 00:00:00" },
    { types: [T.timestamptz, T.interval], args: ["2022-03-26 12:00:00+00", "1 day"], result: "2022-03-27 12:00:00+00" },
    { types: [T.interval, T.timestamptz], args: ["-1 days -00:00:00.5", "2022-01-01 00:00:00+00"], result: "2021-12-30 23:59:59.5+00" },
    { types: [T.time, T.interval], args: ["23:00:00", "1 day 02:00:00"], result: "01:00:00" },
    { types: [T.interval, T.interval], args: ["1 mon -2 days", "-1 mons 3 days 01:00:00"], result: "1 day 01:00:00" },
    { types: [T.date, T.time], args: ["0044-03-15 BC", "12:00:00"], result: "0044-03-15 12:00:00 BC" },
    { types: [T.date, T.integer], args: ["infinity", 3], result: "infinity" },
    { types: [T.timestamptzN, T.interval], args: [undefined, "1 day"], result: undefined },
  ],
  agreement: [
    { types: [T.dateN, T.integer], args: [dateArb, dayCountArb] },
    { types: [T.smallint, T.date], args: [undefined, finiteDateArb] },
    { types: [T.date, T.intervalN], args: [dateArb, intervalArb] },
    { types: [T.timestampN, T.interval], args: [timestampArb, intervalArb] },
    { types: [T.timestamptz, T.interval], args: [timestamptzArb, intervalArb] },
    { types: [T.interval, T.timestamptzN], args: [intervalArb, timestamptzArb] },
    { types: [T.time, T.interval], args: [timeArb, intervalArb] },
    { types: [T.interval, T.time], args: [intervalArb, timeArb] },
    { types: [T.intervalN, T.interval], args: [intervalArb, intervalArb] },
    { types: [T.date, T.time], args: [finiteDateArb, timeArb] },
  ],
});
