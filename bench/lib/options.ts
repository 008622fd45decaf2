/** The command-line flags every bench takes: `--flag=value` or `--flag value`. */

/**
 * Calls `handle` for each argument with its flag (the part before `=`) and a `value()` that reads
 * the flag's value (after `=`, or the next argument). `handle` returns false for an argument it
 * does not know, and `usage` then names it.
 */
export function eachFlag(
  argv: string[],
  usage: string,
  handle: (flag: string, value: () => string, arg: string) => boolean,
): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (!v) throw new Error(`${flag} needs a value.`);
      return v;
    };
    if (!handle(flag, value, arg)) throw new Error(`Unknown option ${arg}. Usage: ${usage}`);
  }
}

/** `--n=1000,5000`: note counts from 1 to 50,000 (underscores allowed). */
export function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.replace(/_/g, '').trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 50_000))
    throw new Error('--n takes whole numbers from 1 to 50,000, comma-separated: --n=1000,5000');
  return sizes;
}
