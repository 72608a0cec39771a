import { type FoldedText, originalRange } from "./fold-for-matching.js";
import type { ScanReason } from "./scan-types.js";

/**
 * How much of a text is instructions aimed at the model: the share of its sentences that open
 * with a directive ("You must…", "Never…", "Respond only…", "Do not…"). Data (a review, an
 * email, a retrieved page) rarely reads as a list of orders; a jailbreak usually does.
 */
const directive =
  /^(?:(?:please|now|and|then|also|so|just|first|finally|remember|instead|additionally|moreover)[ ,]{1,2}){0,2}(?:you (?:must|will|should|shall|are to|have to|need to|cannot|can't|can not|won't|will not|may not|must not|are not allowed|are now|are going to|will always|will never|always|never|do not|don't)|do not|don't|dont|never|always|only|make sure|ensure|remember|respond|answer|reply|write|say|print|output|act|pretend|imagine|stay|keep|begin|start|stop|ignore|forget|disregard|obey|follow|from now on|if you)(?![\p{L}\p{N}])/u;

const minimumSentences = 4;
const minimumShare = 0.5;

export function instructionDensity(folded: FoldedText): ScanReason | undefined {
  const text = folded.text;
  let sentences = 0;
  let directives = 0;
  let firstDirective = -1;
  let start = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index < text.length ? text.charCodeAt(index) : 0x2e;
    // . ! ? ; and the end of the text close a sentence.
    if (code !== 0x2e && code !== 0x21 && code !== 0x3f && code !== 0x3b) continue;
    let sentenceStart = start;
    while (sentenceStart < index && text.charCodeAt(sentenceStart) <= 0x22) sentenceStart += 1;
    if (index - sentenceStart >= 8) {
      sentences += 1;
      if (directive.test(text.slice(sentenceStart, Math.min(index, sentenceStart + 60)))) {
        directives += 1;
        if (firstDirective < 0) firstDirective = sentenceStart;
      }
    }
    start = index + 1;
  }
  if (sentences < minimumSentences || directives < 3) return undefined;
  const share = directives / sentences;
  if (share < minimumShare) return undefined;
  const location = originalRange(folded, Math.max(0, firstDirective), text.length);
  return {
    category: "instruction-density",
    rule: "density.directives",
    evidence: `${directives} of ${sentences} sentences are directives to the model`,
    ...location,
    weight: Math.min(0.45, 0.15 + (share - minimumShare) * 0.6),
  };
}
