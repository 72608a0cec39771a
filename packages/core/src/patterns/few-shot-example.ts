/** One worked example shown to a model: what it is given, what it should answer, and why. */
export interface FewShotExample {
  input: string;
  output: string;
  /** Why the output is right; shown only by layouts that ask for explanations. */
  explanation?: string;
  /** The example's class (`positive`, `refund`…), used by balanced selection; never shown. */
  label?: string;
}
