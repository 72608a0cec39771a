import { type AssertionHandler, binary, outputStart } from "./assertion-handler.js";
import { xmlProblem } from "./xml-well-formed.js";

const isXml: AssertionHandler = {
  evaluate({ input }) {
    const problem = xmlProblem(input.output.trim());
    return problem === undefined
      ? binary(true, "output is well-formed XML")
      : binary(
          false,
          `expected output to be well-formed XML; ${problem.message} at line ${problem.line}, column ${problem.column}. Output starts: ${outputStart(input.output)}`,
        );
  },
};

/** is-xml. */
export const structureAssertions: Record<string, AssertionHandler> = { "is-xml": isXml };
