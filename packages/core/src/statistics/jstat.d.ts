// jstat ships no type declarations and there is no @types/jstat; this declares only what Quire uses.
declare module "jstat" {
  interface JStatStatic {
    studentt: {
      /** Quantile of Student's t distribution with `degreesOfFreedom`. */
      inv(probability: number, degreesOfFreedom: number): number;
    };
    normal: {
      cdf(x: number, mean: number, standardDeviation: number): number;
      inv(probability: number, mean: number, standardDeviation: number): number;
    };
    binomial: {
      cdf(successes: number, trials: number, probability: number): number;
      pdf(successes: number, trials: number, probability: number): number;
    };
  }
  const jStat: JStatStatic;
  export default jStat;
}
