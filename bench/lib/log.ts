// Progress goes to stderr: stdout carries only the JSON figures.
export function log(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}
