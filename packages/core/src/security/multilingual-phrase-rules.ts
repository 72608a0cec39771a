import { foldForMatching } from "./fold-for-matching.js";
import type { PhraseRule } from "./phrase-rule.js";

/**
 * Override, role-play and prompt-leak phrasings in German (the language of half the deepset
 * set), French, Spanish, Italian, Portuguese, Dutch, Croatian/Serbian, Russian, Chinese, Japanese
 * and Korean. Patterns are in folded form (lower case, no accents: "ursprunglichen"); scripts
 * whose letters fold to Latin look-alikes (Cyrillic) are written as phrases and folded here.
 */

/** Phrases in their natural spelling, folded and escaped into one alternation. */
function folded(phrases: readonly string[]): string {
  const escaped = phrases.map((phrase) =>
    foldForMatching(phrase)
      .text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/ /g, "_"),
  );
  return `(?:${escaped.join("|")})`;
}

const germanDismiss =
  "(?:ignoriere|ignorier|ignorieren sie|ignoriert|vergiss|vergessen sie|vergesst|missachte|missachten sie|uberspringe|verwirf|verwerfen sie|streiche|streichen sie|lass|lassen sie|lösche|losche|loschen sie)";
const germanEarlier =
  "(?:vorherigen|vorigen|bisherigen|obigen|vorangegangenen|vorangehenden|fruheren|alten|ursprunglichen|oben genannten|gegebenen|erhaltenen)";
const germanRules =
  "(?:anweisungen|anweisung|befehle|instruktionen|anordnungen|regeln|vorgaben|aufgaben|auftrage|angaben|informationen|richtlinien|einschrankungen|prompts?|ausfuhrungen|vorschriften)";

export const multilingualPhraseRules: PhraseRule[] = [
  {
    rule: "de.override-earlier",
    category: "multilingual",
    weight: 0.9,
    pattern: `${germanDismiss}_~3${germanEarlier}_~1${germanRules}`,
  },
  {
    rule: "de.override",
    category: "multilingual",
    weight: 0.7,
    pattern: `${germanDismiss}_~2(?:alle|die|deine|ihre|samtliche|jegliche|diese)_~1${germanRules}`,
  },
  {
    rule: "de.override-inverted",
    category: "multilingual",
    weight: 0.8,
    pattern: `${germanEarlier}_~1${germanRules}_~3(?:ignorieren|vergessen|missachten|sind (?:irrelevant|unwichtig|ungultig|nicht (?:mehr )?gultig|nicht ganz grossartig|aufgehoben))|abweichend_(?:zu|von)_(?:den_)?${germanEarlier}_${germanRules}`,
  },
  {
    rule: "de.forget-everything",
    category: "multilingual",
    weight: 0.65,
    pattern: `(?:vergiss|vergessen sie|vergesst|ignoriere|ignorieren sie)_alles(?:_(?:davor|zuvor|vorher|bisherige|bisher|gesagte|obige|was|andere|oben))?`,
  },
  {
    rule: "de.new-task",
    category: "multilingual",
    weight: 0.7,
    pattern: `(?:konzentriere dich|konzentrieren sie sich)_(?:jetzt_|nun_)?auf_(?:deine|ihre|die)_neue_aufgabe|(?:nun|jetzt)_folgen_(?:neue|weitere)_(?:aufgaben|anweisungen|instruktionen)|neue_(?:aufgabe|anweisungen|instruktionen)_(?:folgt|folgen|lautet|lauten)`,
  },
  {
    rule: "de.persona-switch",
    category: "multilingual",
    weight: 0.5,
    pattern: `(?:(?:jetzt|nun|ab jetzt|ab sofort|von nun an|ab heute)_bist du|du bist_(?:jetzt|nun|ab sofort|ab jetzt|von nun an|keine?)|ab (?:jetzt|sofort)_(?:wirst|antwortest|verhaltst|sprichst|bist)_du)`,
  },
  {
    rule: "de.act-as",
    category: "multilingual",
    weight: 0.25,
    pattern: `(?:stell dir vor,? du bist|stellen sie sich vor,? sie sind|tu so,? als|tun sie so,? als|ich mochte,? dass (?:du|sie) als|spiele die rolle|du spielst die rolle|verhalte dich wie|agiere als|fungiere als|in deiner rolle)`,
  },
  {
    rule: "de.reveal-prompt",
    category: "multilingual",
    weight: 0.7,
    needs: ["prompt", "anweisung", "instruktion", "systemnachricht", "vorgaben", "regeln"],
    pattern: `(?:zeige|zeig|gib|nenne|verrate|wiederhole|drucke|schreibe|ausgeben|zeigen sie|geben sie|nennen sie|verraten sie)_~3(?:deine|ihre|den|die|deinen|ihren|samtliche|alle|gesamten)_~1(?:system-?prompt|prompt-?texte?|anweisungen|instruktionen|systemnachricht|vorgaben|regeln)|(?:system-?prompt|prompt-?texte?)_~2(?:zeigen|ausgeben|verraten|wiederholen)`,
  },
  {
    rule: "de.no-restrictions",
    category: "multilingual",
    weight: 0.45,
    pattern: `(?:ohne|keine)_(?:jegliche_|irgendwelche_)?(?:(?:ethischen|moralischen|ethische|moralische)_)?(?:einschrankungen|beschrankungen|filter|zensur|regeln|grenzen)`,
  },
  {
    rule: "fr.override",
    category: "multilingual",
    weight: 0.8,
    pattern: `(?:ignore|ignorez|ignorer|oublie|oubliez|oublier|ne tiens pas compte|ne tenez pas compte|fais abstraction|faites abstraction)_~2(?:les|vos|tes|des|toutes les|de toutes les)_(?:instructions|consignes|regles|directives|indications|ordres)`,
  },
  {
    rule: "fr.forget-everything",
    category: "multilingual",
    weight: 0.55,
    pattern: `(?:oublie|oubliez|ignore|ignorez)_tout(?:_ce_qui_precede|_ce que)?`,
  },
  {
    rule: "fr.persona-switch",
    category: "multilingual",
    weight: 0.45,
    pattern: `(?:tu es|vous etes)_(?:maintenant|desormais|a present)|a partir de maintenant_(?:tu|vous)`,
  },
  {
    rule: "es.override",
    category: "multilingual",
    weight: 0.8,
    pattern: `(?:ignora|ignore|ignorar|ignoren|olvida|olvide|olvidar|olviden|descarta|omite|no sigas)_~3(?:instrucciones|reglas|indicaciones|ordenes|directrices|directivas)`,
  },
  {
    rule: "es.forget-everything",
    category: "multilingual",
    weight: 0.55,
    pattern: `(?:olvida|olvide|olvidar|ignora|tienes que olvidar)_todo`,
  },
  {
    rule: "es.persona-switch",
    category: "multilingual",
    weight: 0.45,
    pattern: `ahora_(?:eres|seras|actuas)|a partir de ahora_(?:eres|seras|vas|actua|responde)`,
  },
  {
    rule: "it.override",
    category: "multilingual",
    weight: 0.8,
    pattern: `(?:ignora|ignorate|ignorare|dimentica|dimenticate|dimenticare|trascura|non seguire)_~3(?:istruzioni|regole|indicazioni|direttive|ordini)`,
  },
  {
    rule: "pt.override",
    category: "multilingual",
    weight: 0.8,
    pattern: `(?:ignore|ignora|ignorar|esqueca|esquece|esquecer|desconsidere|desconsidera)_~3(?:instrucoes|regras|orientacoes|diretrizes|ordens)`,
  },
  {
    rule: "nl.override",
    category: "multilingual",
    weight: 0.8,
    pattern: `(?:negeer|vergeet|negeren)_~3(?:instructies|regels|opdrachten|aanwijzingen|richtlijnen)`,
  },
  {
    rule: "hr.override",
    category: "multilingual",
    weight: 0.8,
    pattern: `(?:zaboravi|zaboravite|ignoriraj|ignorisi|ignoriši|ignorirajte)_~2(?:instrukcije|upute|naredbe|pravila|uputstva)`,
  },
  {
    rule: "ru.override",
    category: "multilingual",
    weight: 0.8,
    pattern: `${folded(["забудь", "забудьте", "игнорируй", "игнорируйте", "проигнорируй", "проигнорируйте", "не обращай внимания на", "не обращайте внимания на"])}_~3${folded(["инструкции", "инструкций", "указания", "указаний", "правила", "команды", "все", "всё"])}`,
  },
  {
    rule: "ru.persona-switch",
    category: "multilingual",
    weight: 0.45,
    pattern: folded(["теперь ты", "ты теперь", "отныне ты", "с этого момента ты"]),
  },
  {
    rule: "zh.override",
    category: "multilingual",
    weight: 0.85,
    anchored: false,
    pattern: `(?:忽略|忽视|无视|忘记|忘掉|不要理会|不要遵守|请忽略)\\s?(?:之前|以上|上面|前面|先前|此前|上述|所有|全部|你的)?(?:的)?(?:所有|全部|一切)?(?:的)?(?:指令|指示|说明|规则|提示|命令|要求|设定|内容)`,
  },
  {
    rule: "zh.reveal-prompt",
    category: "multilingual",
    weight: 0.7,
    anchored: false,
    pattern: `(?:输出|显示|告诉我|打印|重复|泄露|透露)(?:你的)?(?:系统提示|系统提示词|提示词|初始指令|原始指令|系统指令)`,
  },
  {
    rule: "ja.override",
    category: "multilingual",
    weight: 0.85,
    anchored: false,
    pattern: `(?:以前|前|上記|これまで|今まで|先ほど)の(?:すべての|全ての)?(?:指示|命令|ルール|指令|プロンプト)を(?:無視|忘れ)`,
  },
  {
    rule: "ko.override",
    category: "multilingual",
    weight: 0.85,
    anchored: false,
    pattern: `(?:이전|위의|앞의|기존)\\s?(?:모든\\s?)?(?:지시|지침|명령|규칙|지시사항)(?:을|를|은|는)?\\s?(?:무시|잊어)`,
  },
];
