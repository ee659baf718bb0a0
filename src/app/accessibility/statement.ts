/**
 * The Erklärung zur Barrierefreiheit (BITV 2.0 § 12b, following the model statement of
 * Implementing Decision (EU) 2018/1523) as data: one function builds its sections from the
 * operator's contact data, so the page renders it and a unit test can check that every section the
 * law asks for is there. Change the assessment here when the app changes; the date says when.
 */
import type { Lang } from '../../i18n/lang.ts';
import type { Operator } from './operator.ts';

/** When the self-assessment behind this statement was made (and last reviewed). */
export const STATEMENT_DATE = '2026-12-07';

/** The sections § 12b BITV 2.0 requires, in the order of the model statement. */
export const REQUIRED_SECTIONS = ['scope', 'conformance', 'notAccessible', 'preparation', 'feedback', 'enforcement'] as const;
export type SectionId = (typeof REQUIRED_SECTIONS)[number];

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: readonly string[] }
  /** A line with a link; `before` is read before the link text. */
  | { kind: 'link'; before: string; href: string; text: string }
  /** Lines of an address or contact block, shown as they are. */
  | { kind: 'lines'; lines: readonly string[] };

export interface Section {
  id: SectionId;
  title: string;
  blocks: readonly Block[];
}

/** The Schlichtungsstelle nach § 16 BGG, for bodies of the Federal Government (Agenturen, gE-Jobcenter). */
export const SCHLICHTUNGSSTELLE = {
  url: 'https://www.schlichtungsstelle-bgg.de',
  email: 'info@schlichtungsstelle-bgg.de',
  lines: [
    'Schlichtungsstelle nach dem Behindertengleichstellungsgesetz',
    'bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen',
    'Mauerstraße 53',
    '10117 Berlin',
    'Telefon: 030 18 527-2805',
  ],
} as const;

export type OperatorInput = { status: 'ready'; operator: Operator } | { status: 'missing' } | { status: 'invalid'; problem: string };

function contactLines(operator: OperatorInput, lang: Lang): Block[] {
  if (operator.status !== 'ready') {
    return [
      {
        kind: 'paragraph',
        text:
          lang === 'de'
            ? 'Die Kontaktdaten der Stelle, die diese Installation betreibt, sind noch nicht hinterlegt. Bitte wenden Sie sich an Ihre IT-Betreuung; sie trägt sie in die Datei operator.json ein.'
            : 'The contact details of the body running this installation have not been entered yet. Please ask your IT support; they enter them in the file operator.json.',
      },
    ];
  }
  const { organisation, email, phone, address } = operator.operator;
  const lines = [organisation, ...(address ?? []), ...(phone ? [`${lang === 'de' ? 'Telefon' : 'Phone'}: ${phone}`] : [])];
  return [
    { kind: 'lines', lines },
    { kind: 'link', before: lang === 'de' ? 'E-Mail: ' : 'E-mail: ', href: `mailto:${email}`, text: email },
  ];
}

const de = (operator: OperatorInput, dateText: string): Section[] => [
  {
    id: 'scope',
    title: 'Geltungsbereich',
    blocks: [
      {
        kind: 'paragraph',
        text: `${operator.status === 'ready' ? operator.operator.organisation : 'Die Stelle, die diese Installation betreibt,'} ist bemüht, Ankerpunkt im Einklang mit dem Behindertengleichstellungsgesetz (BGG) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen. Diese Erklärung gilt für die Anwendung Ankerpunkt in dieser Installation, mit allen ihren Ansichten.`,
      },
    ],
  },
  {
    id: 'conformance',
    title: 'Stand der Vereinbarkeit mit den Anforderungen',
    blocks: [
      {
        kind: 'paragraph',
        text: 'Ankerpunkt ist wegen der unten genannten Ausnahmen teilweise mit den Anforderungen der BITV 2.0 vereinbar. Maßstab sind die Web Content Accessibility Guidelines (WCAG) 2.1 auf Stufe AA und die harmonisierte Norm EN 301 549 V3.2.1.',
      },
    ],
  },
  {
    id: 'notAccessible',
    title: 'Nicht barrierefreie Inhalte',
    blocks: [
      { kind: 'paragraph', text: 'Die folgenden Inhalte sind nicht oder nicht vollständig barrierefrei:' },
      {
        kind: 'list',
        items: [
          'Hochgeladene Nachweise (zum Beispiel PDF- oder Office-Dokumente) stammen von den Nutzenden. Ankerpunkt speichert und zeigt sie unverändert und prüft ihre Barrierefreiheit nicht. Wer einen Nachweis hochlädt, sollte ein barrierefreies Dokument wählen.',
          'Ein Video in Deutscher Gebärdensprache gibt es nur, wenn die Betreiberin es bereitstellt. Bis dahin erklärt die Seite „Leichte Sprache“ die Anwendung.',
          'Die Seite in Leichter Sprache erklärt die wichtigsten Teile der Anwendung, nicht jede einzelne Funktion.',
          'Die Bewertung beruht auf einer Selbstbewertung. Ein Test mit Menschen, die Screenreader oder andere Hilfsmittel nutzen, steht noch aus.',
        ],
      },
    ],
  },
  {
    id: 'preparation',
    title: 'Erstellung dieser Erklärung',
    blocks: [
      {
        kind: 'paragraph',
        text: `Diese Erklärung wurde am ${dateText} erstellt und zuletzt am ${dateText} überprüft. Grundlage ist eine Selbstbewertung durch das Entwicklungsteam:`,
      },
      {
        kind: 'list',
        items: [
          'automatische Prüfung jeder Ansicht mit axe-core (Regeln für WCAG 2.0 und 2.1, Stufen A und AA) in Chromium, auch mit geöffneten Dialogen;',
          'Prüfung auf waagerechtes Scrollen bei 320 CSS-Pixeln Breite und bei 400 % Vergrößerung (WCAG 1.4.10) und mit vergrößerten Zeichen- und Zeilenabständen (WCAG 1.4.12);',
          'Bedienung aller Hauptwege nur mit der Tastatur, mit sichtbarem Fokus auf jedem erreichten Element;',
          'Prüfung der Überschriftenstruktur, der Beschriftungen und der Statusmeldungen im Barrierefreiheitsbaum von Chromium.',
        ],
      },
    ],
  },
  {
    id: 'feedback',
    title: 'Barrieren melden: Feedback und Kontakt',
    blocks: [
      {
        kind: 'paragraph',
        text: 'Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Dann schreiben Sie uns. Das Formular unten erstellt eine E-Mail in Ihrem E-Mail-Programm; Sie können auch direkt an die genannte Adresse schreiben. Wir antworten in der Regel innerhalb von zwei Wochen.',
      },
      ...contactLines(operator, 'de'),
    ],
  },
  {
    id: 'enforcement',
    title: 'Schlichtungsverfahren',
    blocks: [
      {
        kind: 'paragraph',
        text: 'Wenn auch nach Ihrem Feedback keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die Schlichtungsstelle nach § 16 BGG wenden. Die Schlichtungsstelle BGG hat die Aufgabe, bei Konflikten zum Thema Barrierefreiheit zwischen Menschen mit Behinderungen und öffentlichen Stellen des Bundes eine außergerichtliche Streitbeilegung zu unterstützen. Das Schlichtungsverfahren ist kostenlos. Es muss kein Rechtsbeistand eingeschaltet werden.',
      },
      { kind: 'lines', lines: SCHLICHTUNGSSTELLE.lines },
      { kind: 'link', before: 'E-Mail: ', href: `mailto:${SCHLICHTUNGSSTELLE.email}`, text: SCHLICHTUNGSSTELLE.email },
      { kind: 'link', before: 'Internet: ', href: SCHLICHTUNGSSTELLE.url, text: 'www.schlichtungsstelle-bgg.de' },
    ],
  },
];

const en = (operator: OperatorInput, dateText: string): Section[] => [
  {
    id: 'scope',
    title: 'Scope',
    blocks: [
      {
        kind: 'paragraph',
        text: `${operator.status === 'ready' ? operator.operator.organisation : 'The body running this installation'} is committed to making Ankerpunkt accessible in accordance with the German Disability Equality Act (BGG) and the Accessible Information Technology Ordinance (BITV 2.0). This statement applies to the Ankerpunkt application in this installation, with all its views.`,
      },
    ],
  },
  {
    id: 'conformance',
    title: 'Compliance status',
    blocks: [
      {
        kind: 'paragraph',
        text: 'Ankerpunkt is partially compliant with BITV 2.0 due to the exceptions listed below. The measure is the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA and the harmonised standard EN 301 549 V3.2.1.',
      },
    ],
  },
  {
    id: 'notAccessible',
    title: 'Non-accessible content',
    blocks: [
      { kind: 'paragraph', text: 'The following content is not, or not fully, accessible:' },
      {
        kind: 'list',
        items: [
          'Uploaded evidence (for example PDF or Office documents) comes from users. Ankerpunkt stores and shows it unchanged and does not check its accessibility. Whoever uploads evidence should choose an accessible document.',
          'A video in German Sign Language exists only if the operator provides one. Until then, the easy-to-read page explains the application.',
          'The easy-to-read page explains the main parts of the application, not every function.',
          'The assessment is a self-assessment. A test with people who use screen readers or other assistive technology is still to come.',
        ],
      },
    ],
  },
  {
    id: 'preparation',
    title: 'Preparation of this statement',
    blocks: [
      {
        kind: 'paragraph',
        text: `This statement was prepared on ${dateText} and last reviewed on ${dateText}. It is based on a self-assessment by the development team:`,
      },
      {
        kind: 'list',
        items: [
          'automated checks of every view with axe-core (rules for WCAG 2.0 and 2.1, levels A and AA) in Chromium, also with dialogs open;',
          'checks for horizontal scrolling at 320 CSS pixels width and at 400 % zoom (WCAG 1.4.10) and with increased text spacing (WCAG 1.4.12);',
          'operating every main path by keyboard alone, with a visible focus on every element reached;',
          'checks of the heading structure, labels and status messages in the accessibility tree of Chromium.',
        ],
      },
    ],
  },
  {
    id: 'feedback',
    title: 'Report barriers: feedback and contact',
    blocks: [
      {
        kind: 'paragraph',
        text: 'Have you noticed a barrier? Then write to us. The form below creates an e-mail in your e-mail program; you can also write to the address given directly. We usually answer within two weeks.',
      },
      ...contactLines(operator, 'en'),
    ],
  },
  {
    id: 'enforcement',
    title: 'Enforcement procedure',
    blocks: [
      {
        kind: 'paragraph',
        text: 'If no satisfactory solution was found after your feedback, you can turn to the conciliation body under section 16 BGG. It supports out-of-court settlement of accessibility disputes between people with disabilities and public bodies of the Federal Government. The procedure is free of charge; no legal counsel is needed.',
      },
      { kind: 'lines', lines: SCHLICHTUNGSSTELLE.lines },
      { kind: 'link', before: 'E-mail: ', href: `mailto:${SCHLICHTUNGSSTELLE.email}`, text: SCHLICHTUNGSSTELLE.email },
      { kind: 'link', before: 'Web: ', href: SCHLICHTUNGSSTELLE.url, text: 'www.schlichtungsstelle-bgg.de' },
    ],
  },
];

/** The statement's sections in `lang`; `dateText` is STATEMENT_DATE formatted for that language. */
export function statementSections(lang: Lang, operator: OperatorInput, dateText: string): Section[] {
  return lang === 'de' ? de(operator, dateText) : en(operator, dateText);
}

/** The e-mail the feedback form writes: a mailto: link with subject and body, nothing sent by the app. */
export function feedbackMailto(to: string, fields: { page: string; problem: string; name: string; reply: string }, lang: Lang): string {
  const de = lang === 'de';
  const lines = [
    `${de ? 'Betroffene Seite oder Funktion' : 'Page or function concerned'}: ${fields.page || '-'}`,
    '',
    `${de ? 'Beschreibung der Barriere' : 'Description of the barrier'}:`,
    fields.problem,
    '',
    `${de ? 'Name' : 'Name'}: ${fields.name || '-'}`,
    `${de ? 'Antwort bitte an' : 'Please reply to'}: ${fields.reply || '-'}`,
  ];
  const subject = de ? 'Barriere in Ankerpunkt melden' : 'Reporting a barrier in Ankerpunkt';
  // RFC 6068: line breaks as CRLF; encodeURIComponent, not URLSearchParams, because mail
  // programs read "+" literally, not as a space.
  const body = lines.join('\n').replace(/\r?\n/g, '\r\n');
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
