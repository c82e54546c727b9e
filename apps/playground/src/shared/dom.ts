/** The element with this id: each page's markup defines every id its script uses. */
export const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/**
 * A number field of a submitted form, or `fallback` when the field is empty or not a number.
 * @example formNumber(new FormData(form), 'seed', 0)
 */
export function formNumber(data: FormData, name: string, fallback: number): number {
  const value = Number(data.get(name));
  return Number.isFinite(value) && String(data.get(name)).trim() !== '' ? value : fallback;
}
