import { COLOUR, PLAIN, type Style } from "../core/diagnostics/render-text.js";

/** Colour on a terminal unless NO_COLOR is set; FORCE_COLOR forces it anywhere. */
export function styleFor(stream: NodeJS.WriteStream): Style {
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return COLOUR;
  if (process.env.NO_COLOR) return PLAIN;
  return stream.isTTY ? COLOUR : PLAIN;
}
