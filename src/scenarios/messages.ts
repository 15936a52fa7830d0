/**
 * Every line a scenario prints, one catalog per language. English is the default; `ru` is the
 * notebook's own wording, word for word.
 *
 * @module
 */

/** The languages of the transcript. */
export const LANGUAGES = ['en', 'ru'] as const;

/** A transcript language. */
export type Lang = (typeof LANGUAGES)[number];

/** The transcript lines, as functions of what they report. */
export interface Messages {
  /** `Время выполнения (async): 3.00 s` */
  runTime(mode: string, seconds: number): string;
}

const en: Messages = {
  runTime: (mode, seconds) => `Run time (${mode}): ${seconds.toFixed(2)} s`,
};

const ru: Messages = {
  runTime: (mode, seconds) => `Время выполнения (${mode}): ${seconds.toFixed(2)} s`,
};

/** The catalog for `lang`. */
export function messages(lang: Lang): Messages {
  return lang === 'ru' ? ru : en;
}
