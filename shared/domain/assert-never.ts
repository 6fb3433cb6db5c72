/**
 * Compile-time exhaustiveness check for discriminated unions.
 * Put it in the `default` branch of a switch: a case added to the union but not handled becomes a type error,
 * and an impossible value that slips through at run time fails loudly instead of being ignored.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
