/** Scripts written without spaces between words: each character counts as a token. */
const unspacedScripts =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/gu;

/**
 * The words of a text for lexical ranking: Unicode letters and digits, lower-cased after NFKC
 * normalization (so `Ｆｕｌｌ` matches `full`), split at anything else; in Chinese, Japanese, Thai
 * and other unspaced scripts every character is a token. No stemming and no stop words: BM25's
 * inverse document frequency already gives common words little weight.
 */
export function lexicalTokens(text: string): string[] {
  const spaced = text.normalize("NFKC").toLowerCase().replace(unspacedScripts, " $& ");
  return spaced.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}
