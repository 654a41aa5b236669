/** @internal The method whose options were given. */
export type MetricsRegistration = 'register' | 'registerAsync';

/**
 * The messages every metrics module says alike, naming `moduleName`; `describe` writes the value
 * an option was given (how may depend on the option: a registry says nothing as a string).
 *
 * @internal
 */
export function metricsMessages(
  moduleName: string,
  describe: (option: string, actual: unknown) => string,
) {
  return {
    invalidOption: (
      method: MetricsRegistration,
      option: string,
      expected: string,
      actual: unknown,
    ) =>
      `${moduleName}.${method}(): option "${option}" must be ${expected}, got ${describe(option, actual)}.`,

    unknownOption: (method: MetricsRegistration, option: string, known: readonly string[]) =>
      `${moduleName}.${method}(): unknown option "${option}". Known options: ${known.join(', ')}.`,

    withoutHealthModule: `${moduleName}: HealthEvents is not provided. Import HealthModule.forRoot() (or forRootAsync()) in the application next to ${moduleName}.`,

    /** `reason` comes from `describeError`, so it is redacted. */
    recordFailed: (check: string, reason: string) =>
      `${moduleName}: could not record a run of health check "${check}" (the metrics miss it; the check is unaffected): ${reason}`,
  } as const;
}
