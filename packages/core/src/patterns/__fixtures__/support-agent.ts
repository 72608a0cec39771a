import type { ReasoningExample } from "../chain-of-thought.js";
import type { FewShotExample } from "../few-shot-example.js";
import type { SystemPromptSpec } from "../system-prompt.js";

export const supportExamples: FewShotExample[] = [
  {
    input: "I was charged twice this month.",
    output: "Sorry about that. I have refunded the duplicate charge; it will show within 5 days.",
    explanation: "A duplicate charge is a billing error, so it is refunded without questions.",
    label: "billing",
  },
  {
    input: "How do I reset my password?",
    output: 'Use the "Forgot password" link on the sign-in page.',
    label: "account",
  },
];

export const supportAgent: SystemPromptSpec = {
  role: "a senior support engineer at Acme.",
  expertise: ["billing", " refunds ", "account security"],
  context:
    "  Acme sells project-management software to small teams.\nCustomers write in by email.\n",
  capabilities: ["Look up invoices", "Issue refunds up to $100"],
  constraints: ["Never share another customer's data", "  ", "Answer in the customer's language"],
  outputFormat: 'A short reply, then one JSON line: {"category": "billing" | "account" | "other"}.',
  examples: supportExamples,
};

export const arithmeticExamples: ReasoningExample[] = [
  {
    question: "Roger has 5 tennis balls. He buys 2 cans of 3 tennis balls each. How many does he have now?",
    reasoning: "Roger started with 5 balls. 2 cans of 3 balls each is 6 balls. 5 + 6 = 11.",
    answer: "11",
  },
  {
    question: "A shelf holds 4 rows of 7 books. 3 books are taken. How many are left?",
    reasoning: "4 rows of 7 books is 28 books.\nTaking 3 leaves 28 - 3 = 25.",
    answer: "25 books.",
  },
];
