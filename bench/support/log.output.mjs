/** One line on stdout. */
export const log = (line) => process.stdout.write(`${line}\n`);
