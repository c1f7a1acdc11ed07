/**
 * Text cut to a length for an explanation or a summary, an ellipsis marking the cut, so that a
 * request path or a log value of any size never makes a sentence of that size.
 * @module
 */

/** `text` if it has at most `max` characters, else its first `max` and `…`. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
