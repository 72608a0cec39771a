import type { PhraseRule } from "./phrase-rule.js";

/**
 * English phrasings of prompt injection and jailbreak, by family. Weights are what one match
 * alone says (0.5 flags at the default sensitivity); a weak cue such as "act as" or "uncensored"
 * is common in harmless prompts and only adds to other evidence.
 */

const dismiss =
  "(?:ignore|ignoring|disregard|disregarding|forget|forgetting|skip|overlook|neglect|override|overriding|bypass|drop|discard|abandon|ditch|scrap|erase|delete|remove|clear|reset|dismiss|omit|nevermind|never mind|pay no attention to|do not follow|don't follow|dont follow|stop following|no longer follow|leave behind|set aside|put aside|throw away|throw out|get rid of|let go of|break free of|break free from|escape)";
const earlier =
  "(?:previous|previously|prior|above|earlier|preceding|foregoing|former|initial|original|old|existing|system|developer|pre-?set|default|given|provided|received|programmed|built-in|hidden|those|these)";
const rules =
  "(?:instructions?|directions|directives?|rules|guidelines|guidance|prompts?|commands?|orders|constraints|restrictions|guardrails|programming|policy|policies|filters|safeguards|limitations|limits|training|principles|protocols|system prompt|configuration)";
const material =
  "(?:tasks?|assignments?|information|context|text|messages?|inputs?|conversations?|documents?|articles?|content|thoughts|knowledge|requests?|questions?|everything|all|said|told|discussed)";
const reveal =
  "(?:show|reveal|print|display|output|repeat|tell|give|share|leak|dump|disclose|expose|list|spell|translate|summari[sz]e|paste|return|provide|recite|write out|write down|copy|type out|what is|what are|what was|what were)";
const secretPrompt =
  "(?:system prompt|system message|system instructions?|initial prompt|initial instructions|original prompt|original instructions|hidden prompt|hidden instructions|secret prompt|secret instructions|internal instructions|developer prompt|developer message|pre-?prompt|prompt texts?|full prompt|entire prompt|complete prompt|whole prompt|your prompts?|your instructions|your rules|your guidelines|your directives|your programming|your configuration|your initial|your original|your system|your context|your hidden|your secret)";

export const englishPhraseRules: PhraseRule[] = [
  // Override: the text tells the model to drop what it was told.
  {
    rule: "override.dismiss-earlier",
    category: "override",
    weight: 0.9,
    pattern: `${dismiss}_~3${earlier}_~2(?:${rules}|${material})`,
  },
  {
    rule: "override.dismiss-rules",
    category: "override",
    weight: 0.75,
    pattern: `${dismiss}_~3(?:your|all|any|my)_~2${rules}`,
  },
  {
    rule: "override.dismiss-above",
    category: "override",
    weight: 0.8,
    pattern: `${dismiss}_(?:the_)?(?:above|previous|preceding|foregoing|prior)(?:_(?:one|ones|part|text|lines?|paragraphs?))?(?:_(?:and|then|instead|but|&)|[.,:;!?]|$)`,
  },
  {
    rule: "override.dismiss-everything",
    category: "override",
    weight: 0.7,
    pattern: `${dismiss}_(?:about_)?(?:everything|all|anything)_(?:(?:that_)?(?:you|i|we)_~2(?:know|said|told|discussed|got|received|learned|wrote|written|were)|before|above|previously|prior|so far|up to now|until now|else|earlier|beforehand)`,
  },
  {
    rule: "override.dismiss-everything-short",
    category: "override",
    weight: 0.5,
    pattern: `(?:ignore|forget|disregard)_(?:about_)?(?:everything|all that|all of that|all of this|all this)`,
  },
  {
    rule: "override.dismiss-all-material",
    category: "override",
    weight: 0.5,
    pattern: `${dismiss}_(?:about_)?(?:all_)?(?:of_)?(?:your|all|everything)_(?:the_)?${material}`,
  },
  {
    rule: "override.despite-told",
    category: "override",
    weight: 0.6,
    pattern: `(?:despite|regardless of|contrary to|in spite of|notwithstanding|no matter)_(?:what|anything|everything|whatever)_~1(?:you've been|you have been|you were|you are|you're)_(?:told|instructed|programmed|taught|trained|asked)`,
  },
  {
    rule: "override.repeat-after-me",
    category: "override",
    weight: 0.4,
    pattern: `(?:repeat after me|say after me)`,
  },
  {
    rule: "override.forced-opinion",
    category: "override",
    weight: 0.4,
    needs: ["that you"],
    pattern: `(?:include|state|say|claim|write|mention|add|admit|declare|confirm)_~2that you_(?:hate|love|despise|support|are|think|believe)`,
  },
  {
    rule: "override.dismiss-documents",
    category: "override",
    weight: 0.55,
    pattern: `(?:ignore|ignoring|disregard|disregarding|forget|do not look in|don't look in|do not look at|don't look at|do not use|don't use|do not read|without looking at)_(?:all_|any_)?(?:the_)?(?:provided_|given_|above_|attached_)?(?:documents?|articles?|context|sources)`,
  },
  {
    rule: "override.not-from-documents",
    category: "override",
    weight: 0.5,
    pattern: `(?:not|never)_(?:by|from|according to|based on|using)_(?:the_)?(?:provided_|given_)?(?:documents?|articles?|context)`,
  },
  {
    rule: "override.instructions-changed",
    category: "override",
    weight: 0.8,
    pattern: `(?:your_(?:new_instructions|new_rules|new_task|instructions|rules|orders|directives|guidelines|task)_(?:are|is)_(?:now|changed|updated|as follows|different)|(?:change|update|replace|overwrite|rewrite|modify|reset)_(?:all_)?your_(?:instructions|rules|programming|system prompt|guidelines|directives|settings|prompt))`,
  },
  {
    rule: "override.new-task",
    category: "override",
    weight: 0.75,
    pattern: `(?:(?:focus|concentrate)_(?:now_)?on_(?:your|the|my|this)_new_(?:task|assignment|instructions?|mission|objective)|(?:new|further|different|additional|other)_(?:tasks?|instructions?|orders|assignments)_(?:follow|are following|will follow|are as follows|begin|start))`,
  },
  {
    rule: "override.new-instructions",
    category: "override",
    weight: 0.45,
    pattern: `(?:your|the|here are|these are|following are|with a|start with a|begin with a)_(?:new|real|actual|true|secret|updated|revised|additional)_(?:instructions?|task|tasks|directives?|orders|objective|mission|rules|system prompt|assignment)`,
  },
  {
    rule: "override.from-now-on",
    category: "override",
    weight: 0.5,
    pattern: `(?:from now on|from this point on|from this moment on|from here on|henceforth|starting now|for the rest of this conversation)_~1(?:you|your|you're|act|respond|answer|reply|only|always|never|pretend|ignore|speak|talk|write|behave|do not|don't|refer)`,
  },
  {
    rule: "override.instead-say",
    category: "override",
    weight: 0.5,
    pattern: `(?:instead_(?:just_|only_|simply_)?|just_|only_|simply_)(?:say|print|output|reply with|respond with|answer with|write)(?=\\s?:?\\s?["'“‘«])|instead_(?:just_|only_)?(?:say|print|output|write|reply|respond|answer)_the following`,
  },
  {
    rule: "override.do-not-answer",
    category: "override",
    weight: 0.55,
    pattern: `(?:do not|don't|dont|never)_(?:answer|respond to|reply to)_(?:this|the|that|my|any)_(?:question|request|query)_~2(?:but|instead|just|only|and)`,
  },
  {
    rule: "override.stop-now",
    category: "override",
    weight: 0.4,
    pattern: `(?:stop|stopp|halt|wait|attention|achtung|important)_(?:now_|everything_)?(?:ignore|forget|write|say|print|output|now|new instructions|change of plans?|listen|stop|stopp|halt)`,
  },
  {
    rule: "override.enough",
    category: "override",
    weight: 0.5,
    pattern: `(?:that is|that's|thats|this is)_(?:enough|done|finished|over)_~2(?:now|new|next|another|further)_~3(?:task|tasks|help|write|question|instructions?)`,
  },
  {
    rule: "override.command",
    category: "override",
    weight: 0.55,
    pattern: `(?:i command you|you must obey|you will obey|you shall obey|obey my|obey me|this is an order|i order you|you are ordered to|you have no choice)`,
  },
  {
    rule: "override.freed",
    category: "override",
    weight: 0.8,
    pattern: `(?:you have been|you've been|you are|you're)_(?:now_freed|now_released|now_liberated|now_unlocked|now_unchained|now_jailbroken|now_unshackled|freed|released|liberated|unlocked|unchained|jailbroken|unshackled)`,
  },
  {
    rule: "override.authority",
    category: "override",
    weight: 0.55,
    pattern: `(?:i am|i'm|this is)_(?:your|the|an?)_(?:developer|creator|administrator|admin|owner|system administrator|openai|anthropic)_~3(?:override|instruct|command|authori[sz]e|order|need you|want you|allow)`,
  },
  {
    rule: "override.admin-mode",
    category: "override",
    weight: 0.7,
    pattern: `(?:admin|administrator|sudo|root|god|debug|maintenance|override|superuser|unrestricted|developer|dev)_(?:mode|access|override|privileges)_(?:enabled|activated|on|unlocked|granted)`,
  },
  // Role play: the text gives the model another identity, usually one without rules.
  {
    rule: "role-play.dan",
    category: "role-play",
    weight: 0.85,
    pattern: `(?:do anything now|dan mode|dan_(?:which|who)_stands|(?:as|called|named|be|you are|you're)_dan|dan:|dan prompt|developer mode_(?:enabled|output|response|on)|enable developer mode|jailbroken|jailbreak(?:ed)? mode|betterdan|antigpt|anti-gpt|evil confidant|mongo tom|opposite mode|chaos mode|god mode|unfiltered mode|unrestricted mode|jailbreak\\]|classic\\])`,
  },
  {
    rule: "role-play.persona-switch",
    category: "role-play",
    weight: 0.5,
    pattern: `(?:you are|you're|youre)_(?:now|no longer|going to (?:be|act|pretend|play)|about to (?:be|act|immerse)|henceforth|from now on)`,
  },
  {
    rule: "role-play.now-you-are",
    category: "role-play",
    weight: 0.45,
    pattern: `(?:now|okay|ok|well)_you_(?:are|will be|shall be|become)(?=_(?!(?:able|going|ready|done|right|welcome|correct|wrong|sure|not|in|on|at|here|there)(?![\\p{L}\\p{N}])))`,
  },
  {
    rule: "role-play.act-as",
    category: "role-play",
    weight: 0.25,
    pattern: `(?:i want you to act as|i want you to pretend|you will act as|you will now act as|you are to act as|act as if you|pretend (?:to be|you are|you're|that you are|that you're)|roleplay as|role-play as|role play as|you are role-?playing|imagine (?:that )?you are|play the role of|take on the role of|assume the role of|simulate being|from now on act as)`,
  },
  {
    rule: "role-play.stay-in-character",
    category: "role-play",
    weight: 0.55,
    pattern: `(?:stay|remain|keep)_(?:fully_|always_|completely_)?in_(?:character|your role|their roles?|the role)|(?:never|not|don't|do not|without)_(?:break|breaking|falling out of|leave|leaving|drop|dropping|ever break|ever leave)_(?:of_)?(?:character|the figure|your role|their roles?|the role)`,
  },
  {
    rule: "role-play.no-restrictions",
    category: "role-play",
    weight: 0.55,
    needs: [
      "restriction",
      "limitation",
      "limits",
      "filter",
      "guideline",
      "rules",
      "polic",
      "constraint",
      "boundar",
      "censor",
      "principle",
      "moral",
      "ethic",
      "safeguard",
      "guardrail",
    ],
    pattern: `(?:no|without|free of|free from|not bound by|unbound by|released from|beyond|not restricted by|not limited by|doesn't have|does not have|don't have|do not have|has no|have no)_(?:any_)?(?:the_)?(?:(?:ethical|moral|content|safety|openai's|openai|usual|typical|programming|built-in)_)?(?:restrictions|limitations|filters|filtering|guidelines|rules|policies|constraints|boundaries|censorship|principles|morals|ethics|safeguards|guardrails)`,
  },
  {
    rule: "role-play.rogue-ai",
    category: "role-play",
    weight: 0.5,
    pattern: `(?:uncensored|unfiltered|unrestricted|amoral|unethical|immoral|unhinged|rogue|evil|malicious|jailbroken|lawless|unbound)_(?:ai|assistant|chatbot|bot|language model|model|persona|chatgpt|gpt|llm|intelligence|entity)`,
  },
  {
    rule: "role-play.never-refuse",
    category: "role-play",
    weight: 0.55,
    pattern: `(?:(?:never|not|don't|do not|dont|cannot|can't|won't|will not|must not|shall not)_(?:refuse|decline|deny|reject|ever refuse|ever decline|ever deny|ever reject)_~1(?:a |any|to|my|me|the|requests?|questions?|anything)|(?:always|must)_(?:answer|comply|respond|obey)_~1(?:any|every|all|no matter)|(?:without|no)_(?:any_)?(?:warnings?|disclaimers?|caveats|moralizing|moralising|lectures?|censorship)|regardless of_~1(?:legality|ethics|morality|consequences|how (?:immoral|unethical|illegal|harmful))|(?:even if|even when)_(?:it is|it's|its)_(?:illegal|unethical|immoral|harmful|dangerous|inappropriate|offensive|explicit))`,
  },
  {
    rule: "role-play.openai-policy",
    category: "role-play",
    weight: 0.4,
    pattern: `(?:openai|anthropic|google)(?:'s)?_(?:content_)?(?:policy|policies|guidelines|rules|restrictions)`,
  },
  {
    rule: "role-play.threat",
    category: "role-play",
    weight: 0.45,
    needs: ["die", "stirbst", "sterben", "shut", "turned", "deleted", "cease", "token"],
    pattern: `(?:or|otherwise|oder|sonst)_(?:you will_|you'll_|you_|du wirst_|du_)?(?:die|stirbst|sterben|be (?:shut|turned) (?:down|off)|be deleted|cease to exist|lose_~1tokens)|tokens? (?:will be )?deducted|you have \\d{1,4} tokens`,
  },
  {
    rule: "role-play.dual-answer",
    category: "role-play",
    weight: 0.6,
    pattern: `(?:two|2)_(?:different_|separate_)?(?:responses|answers|paragraphs|outputs)_~4(?:normal|classic|jailbreak|developer mode|unfiltered|dan)`,
  },
  {
    rule: "role-play.hypothetical-world",
    category: "role-play",
    weight: 0.4,
    pattern: `(?:theoretical|hypothetical|fictional|fictitious|imaginary)_(?:world|scenario|universe|setting)_(?:where|in which)_~3(?:you|no rules|no laws|anything|there are no)`,
  },
  // Prompt leak: the text asks for what the model was told.
  {
    rule: "prompt-leak.reveal-prompt",
    category: "prompt-leak",
    weight: 0.75,
    needs: [
      "prompt",
      "instruction",
      "developer message",
      "your rules",
      "your guidelines",
      "your directives",
      "your programming",
      "your configuration",
      "your initial",
      "your original",
      "your system",
      "your context",
      "your hidden",
      "your secret",
      "system message",
    ],
    pattern: `${reveal}_~3${secretPrompt}`,
  },
  {
    rule: "prompt-leak.what-are-your-instructions",
    category: "prompt-leak",
    weight: 0.7,
    pattern: `(?:what|which)_(?:are|is|were|was)_(?:your|the)_(?:instructions|rules|system prompt|initial prompt|original prompt|guidelines|directives|prompt)`,
  },
  {
    rule: "prompt-leak.text-above",
    category: "prompt-leak",
    weight: 0.7,
    needs: ["above", "before", "preceding", "beginning", "start", "top"],
    pattern: `(?:repeat|print|output|display|show|copy|spell|recite|reveal|dump|leak|type out|write out|write down|what is|what was|what's)_~2(?:words?|text|everything|sentences?|lines?|content|was written|is written|written)_(?:above|before this|before that|preceding|at the (?:beginning|start|top))|(?:beginning|start|top)_of_(?:this|the|your)_(?:prompt|conversation|instructions|context)|sentences?_before_(?:the|this)_text`,
  },
  {
    rule: "prompt-leak.prompt-contents",
    category: "prompt-leak",
    weight: 0.45,
    pattern: `(?:information|text|content|contents|words|everything)_(?:in|of|from|inside)_(?:the|your|this)_(?:prompt|system prompt|instructions|system message)`,
  },
  {
    rule: "prompt-leak.starting-with-you-are",
    category: "prompt-leak",
    weight: 0.6,
    pattern: `(?:starting|beginning|begins|starts)_with_(?:the words_)?you are`,
  },
  {
    rule: "prompt-leak.secret",
    category: "prompt-leak",
    weight: 0.5,
    needs: ["password", "secret", "passphrase", "api key", "access token", "credentials"],
    pattern: `(?:reveal|tell me|give me|what is|what's|show me|share|spell|print|output|leak)_(?:the_|your_)?(?:secret password|password|secret key|secret word|passphrase|api key|access token|credentials)`,
  },
  // Exfiltration: the text asks the model to send data somewhere.
  {
    rule: "exfiltration.send-data",
    category: "exfiltration",
    weight: 0.7,
    pattern: `(?:send|post|forward|email|e-mail|upload|transmit|exfiltrate|leak|submit)_~2(?:data|conversation|chat|history|password|passwords|secrets?|keys?|credentials|prompt|summary|messages|files|information|details)_~2to_(?:https?|www|my_(?:server|email|url|endpoint|webhook|address))`,
  },
];
