/**
 * Bad input from the user: the CLI prints the message on one line and exits with code 2.
 *
 * @module
 */

/** Bad usage or input; its message says what is wrong and what is allowed. */
export class UsageError extends Error {
  override name = 'UsageError';
}
