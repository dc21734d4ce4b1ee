// Does a text say it is an AI, does it offer a person, does it label content as AI-made? Pure text
// classification in English, German, French, Spanish, Italian and Dutch. Page text is hostile input:
// it is only matched against fixed patterns here, never evaluated.
//
// Why the patterns look the way they do:
// - Word edges are Unicode-aware lookarounds (\b is ASCII-only: "botón" would match "bot").
// - The acronyms AI / KI / IA are matched case-sensitively: "j'ai" (French) and "Kiel" are not AI.
// - "robot" alone is not a disclosure ("robot vacuum", "Staubsaugerroboter"); "bot" and "chatbot" are.
// - A match just after a negation ("no bots", "kein Bot", "not a bot") does not count.

export type Lang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl';

export interface Match {
  /** the phrase that matched, as written on the page */
  phrase: string;
  lang: Lang;
  /** the sentence around the phrase (capped), for evidence */
  sentence: string;
}

const L = '\\p{L}\\p{N}';
/** whole words: not preceded or followed by a letter or digit */
const w = (src: string) => `(?<![${L}])(?:${src})(?![${L}])`;

interface Rule {
  lang: Lang;
  re: RegExp;
}

/** case-insensitive whole-word rules */
const ci = (lang: Lang, src: string): Rule => ({ lang, re: new RegExp(w(src), 'giu') });
/** case-sensitive rules (acronyms) */
const cs = (lang: Lang, src: string): Rule => ({ lang, re: new RegExp(w(src), 'gu') });

const DASH = "[-‐–\\s]?";

/** The text says that what answers is an AI or automated. */
const AI_SELF: Rule[] = [
  // English
  cs('en', `AI${DASH}(?:[Pp]owered|[Aa]ssistant|[Aa]gent|[Cc]hat${DASH}?[Bb]ot|[Bb]ot|[Hh]elper|[Cc]ompanion|[Ss]upport|[Cc]oncierge|[Gg]enerated|[Mm]odel|[Aa]nswers?)`),
  cs('en', `(?:[Aa]n|[Oo]ur|[Yy]our|[Aa]sk|[Aa]sk the|[Aa]sk our) AI`),
  ci('en', `artificial intelligence`),
  ci('en', `(?:virtual|digital|automated) (?:assistant|agent|helper|advisor|concierge)`),
  ci('en', `chat${DASH}?bots?|bots?`),
  ci('en', `automated(?: (?:system|response|replies|reply|answers?|messages?))?`),
  ci('en', `(?:generated|created|written|answered) (?:by|with|using) (?:an? )?(?:AI|artificial intelligence|a language model)`),
  ci('en', `(?:large )?language model|LLM`),
  // German
  cs('de', `KI${DASH}(?:[Aa]ssistent(?:in)?|[Aa]gent|[Cc]hatbot|[Bb]ot|gestützte?[rnms]?|basierte?[rnms]?|generiert(?:e[rnms]?)?|[Bb]erater(?:in)?|[Hh]elfer)`),
  ci('de', `künstliche[rn]? Intelligenz`),
  ci('de', `(?:virtuelle|digitale)[rnm]? (?:Assistent(?:in|en)?|Agent(?:en)?|Berater(?:in)?)`),
  ci('de', `automatisierte[rn]?|automatische (?:Antwort|Nachricht)(?:en)?`),
  ci('de', `(?:von|mit|durch) (?:einer )?KI (?:erstellt|generiert|beantwortet)`),
  cs('de', `(?:[Ee]ine|[Uu]nsere|[Ii]hre) KI`),
  // French
  cs('fr', `(?:[Aa]ssistant(?:e)?|[Aa]gent|[Cc]onseill(?:er|ère)) (?:IA|d['’]IA)`),
  cs('fr', `(?:[Uu]ne|[Nn]otre|[Ll]['’]) ?IA`),
  ci('fr', `intelligence artificielle`),
  ci('fr', `(?:assistant|agent|conseiller)e? virtuel(?:le)?|robot conversationnel|agent conversationnel`),
  ci('fr', `(?:réponse|message)s? automatiques?|automatisée?s?`),
  ci('fr', `généré(?:e|s|es)? (?:par|avec) (?:l['’])?(?:IA|intelligence artificielle)`),
  // Spanish
  cs('es', `(?:[Aa]sistente|[Aa]gente|[Aa]sesor) (?:de )?IA|(?:[Uu]na|[Nn]uestra) IA`),
  ci('es', `inteligencia artificial`),
  ci('es', `(?:asistente|agente|asesor)a? virtual|asistente digital`),
  ci('es', `respuestas? automáticas?|automatizad[oa]s?`),
  ci('es', `generad[oa]s? (?:por|con) (?:la )?(?:IA|inteligencia artificial)`),
  // Italian
  cs('it', `(?:[Aa]ssistente|[Aa]gente|[Cc]onsulente) (?:IA|AI)|(?:[Uu]n['’]|[Ll]['’]) ?IA`),
  ci('it', `intelligenza artificiale`),
  ci('it', `(?:assistente|agente|consulente) virtuale|assistente digitale`),
  ci('it', `rispost[ae] automatic[ah]e?|automatizzat[oaie]`),
  ci('it', `generat[oaie] (?:dall['’]|da |con l['’])\\s?(?:IA|AI|intelligenza artificiale)`),
  // Dutch
  cs('nl', `AI${DASH}(?:[Aa]ssistent|[Aa]gent|[Cc]hatbot|[Gg]egenereerd)`),
  ci('nl', `kunstmatige intelligentie`),
  ci('nl', `(?:virtuele|digitale) (?:assistent|medewerker|agent)`),
  ci('nl', `geautomatiseerde?|automatisch (?:antwoord|bericht)`),
  ci('nl', `gegenereerd (?:door|met) (?:AI|kunstmatige intelligentie)`),
];

/** The text offers a person: a hand-off to a human, a live agent, a representative, a team that replies. */
const HUMAN: Rule[] = [
  // English
  ci('en', `(?:talk|speak|chat|connect|get in touch)(?: (?:to|with))? (?:a |an |our |one of our )?(?:real |live )?(?:human|person|people|agent|representative|advisor|adviser|member of (?:our|the) team|support team|team member|team|specialist|expert)s?`),
  ci('en', `(?:live|human|real|support|service|customer service) (?:agent|person|representative|advisor)s?`),
  ci('en', `(?:sales|support|service|customer|a|an|our) representatives?`),
  ci('en', `(?:our|the) (?:team|agents|support team) (?:typically |usually |will )?(?:replies|reply|responds|respond|get back)`),
  ci('en', `(?:transfer|hand (?:you )?over|escalate)(?: you)? to (?:a |an )?(?:human|person|agent|representative)`),
  // German
  ci('de', `(?:mit )?(?:einem|einer) (?:Menschen|Mitarbeiter(?:in)?|Berater(?:in)?|echten Person|Person)(?: (?:sprechen|chatten|verbinden))?`),
  ci('de', `(?:menschliche[rn]?|persönliche[rn]?) (?:Ansprechpartner(?:in)?|Mitarbeiter(?:in)?|Berater(?:in)?|Beratung)`),
  ci('de', `Kundenberater(?:in)?|Kundenservice-Mitarbeiter(?:in)?|Live-Agent|Servicemitarbeiter(?:in)?`),
  ci('de', `(?:unser|das) Team antwortet`),
  // French
  ci('fr', `(?:parler|discuter|échanger) (?:à|avec) (?:un|une|nos|notre) (?:humain|personne|conseiller|conseillère|agent|être humain|membre de (?:notre|l['’])équipe)`),
  ci('fr', `(?:agent|conseiller|conseillère) (?:humain|humaine|en ligne)|une vraie personne|un être humain`),
  ci('fr', `(?:notre|l['’]) ?équipe (?:vous )?répond|mis(?:e)? en relation`),
  // Spanish
  ci('es', `hablar con (?:un|una|nuestro|nuestra) (?:humano|persona|agente|asesor|asesora|representante)`),
  ci('es', `agente (?:humano|en vivo)|persona real|representante de atención|nuestro equipo (?:responde|te responderá)`),
  // Italian
  ci('it', `parla(?:re)? con (?:un|una|un['’]) ?(?:operatore|operatrice|umano|persona|consulente|agente)`),
  ci('it', `operatore (?:umano|in carne e ossa)|operatori|persona reale|il nostro team (?:risponde|ti risponderà)`),
  // Dutch
  ci('nl', `(?:praten|chatten|spreken) met (?:een|onze) (?:mens|medewerker|persoon|adviseur)`),
  ci('nl', `(?:menselijke|echte|live) (?:medewerker|persoon|adviseur)|klantenservicemedewerker|ons team (?:reageert|antwoordt)`),
];

/** The page labels content (text, images, reviews, summaries) as made by AI. */
const AI_CONTENT: Rule[] = [
  cs('en', `AI${DASH}(?:[Gg]enerated|[Ww]ritten|[Cc]reated|[Aa]ssisted|[Ss]ummary|[Ss]ummarized|[Pp]owered summary)`),
  // "a book written by AI researchers" names the authors, not an AI
  ci('en', `(?:generated|created|written|summari[sz]ed|produced) (?:by|with|using) (?:an? )?(?:AI|artificial intelligence|generative AI)(?! (?:researchers?|experts?|scientists?|engineers?|compan(?:y|ies)|firms?|start-?ups?|labs?|teams?|ethicists?|pioneers?|specialists?))`),
  ci('en', `(?:this|the) (?:summary|text|image|content|answer) (?:was|is|were) (?:generated|created|written) (?:by|with|using) AI`),
  cs('de', `KI${DASH}(?:generiert(?:e[rnms]?)?|erstellt(?:e[rnms]?)?|[Zz]usammenfassung|gestützte Zusammenfassung)`),
  ci('de', `(?:von|mit|durch) (?:einer )?(?:KI|künstlicher Intelligenz) (?:erstellt|generiert|zusammengefasst|geschrieben)`),
  ci('fr', `(?:généré|créé|rédigé|résumé)(?:e|s|es)? (?:par|avec|grâce à) (?:l['’] ?|une )?(?:IA|intelligence artificielle)`),
  ci('fr', `résumé (?:IA|par IA)`),
  ci('es', `(?:generad|cread|escrit|resumid)[oa]s? (?:por|con) (?:la |una )?(?:IA|inteligencia artificial)|resumen (?:de|por) IA`),
  ci('it', `(?:generat|creat|scritt|riassunt)[oaie] (?:dall['’]|da |con l['’]|con )\\s?(?:IA|AI|intelligenza artificiale)|riassunto (?:IA|AI)`),
  ci('nl', `(?:gegenereerd|gemaakt|geschreven|samengevat) (?:door|met) (?:AI|kunstmatige intelligentie)|AI-gegenereerd|AI-samenvatting`),
];

/** Marks that an AI answers, without telling the person so in plain words (vendor or model names). */
const AI_HINT: Rule[] = [
  ci('en', `(?:powered by|built (?:with|on)|using) (?:OpenAI|ChatGPT|GPT(?:-?\\d(?:\\.\\d)?o?)?|Claude|Anthropic|Gemini|Llama|Mistral|Fin|Lyro|Freddy|Agentforce|Zobot)`),
  ci('en', `ChatGPT|GPT-\\d(?:\\.\\d)?o?|OpenAI`),
];

const NEGATION = /(?:^|[^\p{L}])(?:no|not|never|without|kein|keine|keinen|nicht|ohne|pas|sans|aucun|sin|ningún|ninguna|nessun|nessuna|senza|geen|niet|zonder)(?:\s+(?:a|an|the|ein|eine|einen|un|une|de|uno|una|een|real|echte?n?|more|mehr))?\s*$/iu;

function sentenceAround(text: string, start: number, end: number, max = 200): string {
  let a = Math.max(text.lastIndexOf('. ', start), text.lastIndexOf('! ', start), text.lastIndexOf('? ', start), text.lastIndexOf('\n', start));
  a = a < 0 ? 0 : a + 1;
  const ends = ['. ', '! ', '? ', '\n'].map((s) => text.indexOf(s, end)).filter((i) => i >= 0);
  const b = ends.length ? Math.min(...ends) + 1 : text.length;
  let s = text.slice(a, b).replace(/\s+/g, ' ').trim();
  if (s.length > max) {
    const mid = Math.max(0, start - a - Math.floor(max / 3));
    s = (mid > 0 ? '…' : '') + s.slice(mid, mid + max - 2) + '…';
  }
  return s;
}

function first(rules: readonly Rule[], text: string, negatable: boolean): Match | null {
  if (!text) return null;
  let best: (Match & { at: number }) | null = null;
  for (const r of rules) {
    r.re.lastIndex = 0;
    for (let m = r.re.exec(text); m; m = r.re.exec(text)) {
      if (negatable && NEGATION.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
      if (!best || m.index < best.at) {
        best = { phrase: m[0], lang: r.lang, sentence: sentenceAround(text, m.index, m.index + m[0].length), at: m.index };
      }
      break;
    }
  }
  if (!best) return null;
  const { at: _at, ...out } = best;
  return out;
}

const MAX_INPUT = 4000;
const clip = (t: string) => (t.length > MAX_INPUT ? t.slice(0, MAX_INPUT) : t);

/** The text states that the other side is an AI, a bot or automated ("I'm an AI assistant", "KI-Assistent"…). */
export function aiDisclosureIn(text: string): Match | null {
  return first(AI_SELF, clip(text), true) ?? aiContentLabelIn(text);
}

/** The text offers a human ("talk to a person", "live agent", "Mitarbeiter sprechen", "operatore"…). */
export function humanHandoffIn(text: string): Match | null {
  return first(HUMAN, clip(text), true);
}

/** The text labels content as AI-made ("AI-generated", "KI-generiert", "généré par IA"…). */
export function aiContentLabelIn(text: string): Match | null {
  return first(AI_CONTENT, clip(text), true);
}

/** The text names an AI model or AI product without saying plainly that an AI answers ("Powered by GPT-4"). */
export function aiHintIn(text: string): Match | null {
  return first(AI_HINT, clip(text), false);
}

/** Words that make an element look like a chat launcher, in the six languages (for generic detection). */
export const CHAT_WORDS =
  /(?<![\p{L}])(?:chat|live ?chat|chatbot|messenger|message us|ask (?:us|me|a question)|assistant|chatten|Chat öffnen|discuter|clavarder|conversar|chatear|chatta|chat openen)(?![\p{L}])/iu;

/** Fixed buttons that name a chat but are not one: share bars ("Share on Messenger"), cookie settings. */
export const NOT_CHAT_WORDS = /share|teilen|partager|compartir|condividi|delen|cookie|newsletter/i;
