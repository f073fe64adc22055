import { time_minus } from "../../stdlib/time_minus.js";
import { stdlibSuite } from "./support/suite.js";
import { dateArb, dayCountArb, finiteDateArb, finiteTimestampArb, finiteTimestamptzArb, intervalArb, timeArb, timestampArb, timestamptzArb } from "./support/time-arbitraries.js";
import { T } from "./support/types.js";

stdlibSuite(time_minus, {
  examples: [
    { types: [T.date, T.date], args: ["2022-08-10", "2022-08-01"], result: 9 },
    { types: [T.date, T.integer], args: ["2024-03-01", 1], result: "2024-02-29" },
    { types: [T.date, T.interval], args: ["2022-03-31", "1 mon"], result: "2022-02-28 00:00:00" },
    { types: [T.timestamptz, T.interval], args: ["2024-05-01 10:00:00+00", "30 days"], result: "2024-04-01 10:00:00+00" },
    { types: [T.timestamp, T.timestamp], args: ["2022-01-03 00:00:00", "2022-01-01 12:00:00"], result: "1 day 12:00:00" },
    { types: [T.timestamp, T.timestamp], args: ["2022-01-01 12:00:00", "2022-01-03 00:00:00"], result: "-1 days -12:00:00" },
    { types: [T.timestamptz, T.date], args: ["2022-01-01 06:00:00+00", "2022-01-01"], result: "06:00:00" },
    { types: [T.time, T.time], args: ["01:00:00", "23:00:00"], result: "-22:00:00" },
    { types: [T.time, T.interval], args: ["01:00:00", "02:00:00"], result: "23:00:00" },
    { types: [T.interval, T.interval], args: ["1 mon", "1 day"], result: "1 mon -1 days" },
    { types: [T.dateN, T.date], args: [undefined, "2022-01-01"], result: undefined },
  ],
  agreement: [
    { types: [T.dateN, T.integer], args: [dateArb, dayCountArb] },
    { types: [T.date, T.dateN], args: [finiteDateArb, finiteDateArb] },
    { types: [T.date, T.interval], args: [dateArb, intervalArb] },
    { types: [T.timestampN, T.interval], args: [timestampArb, intervalArb] },
    { types: [T.timestamptz, T.intervalN], args: [timestamptzArb, intervalArb] },
    { types: [T.timestamp, T.timestamp], args: [finiteTimestampArb, finiteTimestampArb] },
    { types: [T.timestamptzN, T.timestamptz], args: [finiteTimestamptzArb, finiteTimestamptzArb] },
    { types: [T.date, T.timestamptz], args: [finiteDateArb, finiteTimestamptzArb] },
    { types: [T.timestamp, T.date], args: [finiteTimestampArb, finiteDateArb] },
    { types: [T.time, T.time], args: [timeArb, timeArb] },
    { types: [T.time, T.interval], args: [timeArb, intervalArb] },
    { types: [T.interval, T.interval], args: [intervalArb, intervalArb] },
  ],
});
