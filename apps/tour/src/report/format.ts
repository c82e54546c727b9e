/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Escapes text, then turns `backtick spans` into `<code>` elements. */
export function inlineMarkup(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A fraction in `[0, 1]` as a percentage with one decimal, e.g. `93.4%`. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Seconds with one decimal, e.g. `2.3 s`. */
export function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}
