/**
 * Every line a scenario prints, one catalog per language. English is the default; `ru` is the
 * notebook's own wording, word for word.
 *
 * @module
 */
import { en } from './en.js';
import { ru } from './ru.js';
import type { Messages } from './types.js';

export type { Messages } from './types.js';

/** The languages of the transcript. */
export const LANGUAGES = ['en', 'ru'] as const;

/** A transcript language. */
export type Lang = (typeof LANGUAGES)[number];

/** The catalog for `lang`. */
export function messages(lang: Lang): Messages {
  return lang === 'ru' ? ru : en;
}
