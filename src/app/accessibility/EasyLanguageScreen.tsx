/**
 * Ankerpunkt in Leichte Sprache (BITV 2.0 § 4): what it is, what it does, how its main parts are
 * used, and where the accessibility statement is. Written by the rules of Leichte Sprache: one
 * statement per sentence, every sentence on its own line, hard words explained where they first
 * appear. English readers get the same in easy-to-read English.
 */
import { useMessages } from '../i18n.tsx';
import { Link, type Route } from '../router.tsx';
import './accessibility.css';

type Part = { heading: string; sentences: readonly string[]; link?: { to: Route; text: string } };

const messages: { de: { title: string; parts: readonly Part[] }; en: { title: string; parts: readonly Part[] } } = {
  de: {
    title: 'Ankerpunkt in Leichter Sprache',
    parts: [
      {
        heading: 'Was ist Ankerpunkt?',
        sentences: [
          'Ankerpunkt ist ein Programm.',
          'Das Programm ist für Agenturen für Arbeit und für Jobcenter.',
          'Dort arbeiten viele Menschen.',
          'Sie beraten Menschen aus vielen Ländern.',
          'Alle Menschen sollen gut beraten werden.',
          'Niemand soll benachteiligt werden.',
          'Dafür ändert eine Agentur ihre Arbeit Schritt für Schritt.',
          'Das dauert mehrere Jahre.',
          'Ankerpunkt hilft dabei.',
        ],
      },
      {
        heading: 'Was macht Ankerpunkt?',
        sentences: [
          'Ankerpunkt schreibt jeden Schritt auf.',
          'Zum Beispiel: Wer hat was gemacht? Und wann?',
          'Jeder Schritt bekommt eine digitale Unterschrift.',
          'Eine digitale Unterschrift ist wie eine Unterschrift mit dem Stift.',
          'Nur Sie können mit Ihrer Unterschrift unterschreiben.',
          'So kann später niemand heimlich etwas ändern.',
          'Ihre Daten bleiben auf Ihrem Computer.',
        ],
      },
      {
        heading: 'Der Prozess',
        sentences: [
          'Ein Prozess ist der ganze Weg der Agentur.',
          'Der Weg hat mehrere Phasen.',
          'Eine Phase ist ein Abschnitt auf dem Weg.',
          'Auf der Seite „Übersicht“ sehen Sie: In welcher Phase ist die Agentur?',
          'Und Sie sehen: Was fehlt noch für die nächste Phase?',
        ],
        link: { to: { screen: 'start' }, text: 'Zu den Prozessen' },
      },
      {
        heading: 'Maßnahmen und Nachweise',
        sentences: [
          'Eine Maßnahme ist eine Aufgabe.',
          'Zum Beispiel: eine Schulung für die Mitarbeiter.',
          'Ein Nachweis zeigt: Das ist wirklich passiert.',
          'Ein Nachweis ist zum Beispiel ein Brief oder ein Protokoll.',
          'Sie können einen Nachweis als Datei hochladen.',
        ],
      },
      {
        heading: 'Freigaben',
        sentences: [
          'Manche Schritte muss die Leitung erlauben.',
          'Das heißt Freigabe.',
          'Die Leitung sieht die Anfragen unter „Freigaben“.',
          'Die Leitung kann Ja sagen oder Nein sagen.',
          'Auch dafür unterschreibt sie digital.',
        ],
        link: { to: { screen: 'inbox' }, text: 'Zu den Freigaben' },
      },
      {
        heading: 'Prüfen',
        sentences: [
          'Eine Prüferin oder ein Prüfer will sehen: Ist alles richtig aufgeschrieben?',
          'Dafür gibt es eine Datei mit allen Schritten.',
          'Unter „Prüfen & Importieren“ prüft Ankerpunkt diese Datei.',
          'Ankerpunkt sagt dann: Die Datei ist in Ordnung.',
          'Oder: An dieser Stelle wurde etwas geändert.',
        ],
        link: { to: { screen: 'verify' }, text: 'Zum Prüfen' },
      },
      {
        heading: 'So bedienen Sie Ankerpunkt',
        sentences: [
          'Oben auf jeder Seite ist das Menü.',
          'Sie können alles mit der Maus bedienen.',
          'Sie können auch alles mit der Tastatur bedienen.',
          'Mit der Taste Tab kommen Sie zum nächsten Feld.',
          'Mit der Taste Enter drücken Sie einen Knopf.',
          'Oben rechts können Sie die Sprache wechseln: Deutsch oder Englisch.',
        ],
      },
      {
        heading: 'Barriere-Freiheit',
        sentences: [
          'Alle Menschen sollen Ankerpunkt gut benutzen können.',
          'Auch Menschen mit Behinderungen.',
          'Das nennt man Barriere-Freiheit.',
          'In der Erklärung zur Barriere-Freiheit steht: Was funktioniert noch nicht gut?',
          'Dort steht auch: An wen können Sie schreiben?',
          'Der Link zur Erklärung ist unten auf jeder Seite.',
        ],
        link: { to: { screen: 'accessibility' }, text: 'Zur Erklärung zur Barriere-Freiheit' },
      },
    ],
  },
  en: {
    title: 'Ankerpunkt in easy-to-read language',
    parts: [
      {
        heading: 'What is Ankerpunkt?',
        sentences: [
          'Ankerpunkt is a computer program.',
          'It is for employment agencies and job centres in Germany.',
          'Many people work there.',
          'They advise people from many countries.',
          'Everybody should get good advice.',
          'Nobody should be treated unfairly.',
          'So an agency changes how it works, step by step.',
          'This takes some years.',
          'Ankerpunkt helps with this.',
        ],
      },
      {
        heading: 'What does Ankerpunkt do?',
        sentences: [
          'Ankerpunkt writes down every step.',
          'For example: Who did what? And when?',
          'Every step gets a digital signature.',
          'A digital signature is like signing with a pen.',
          'Only you can sign with your signature.',
          'So nobody can secretly change anything later.',
          'Your data stays on your computer.',
        ],
      },
      {
        heading: 'The process',
        sentences: [
          'The process is the whole way of the agency.',
          'The way has several stages.',
          'A stage is one part of the way.',
          'On the page "Overview" you see: Which stage is the agency in?',
          'And you see: What is still missing for the next stage?',
        ],
        link: { to: { screen: 'start' }, text: 'To the processes' },
      },
      {
        heading: 'Measures and evidence',
        sentences: [
          'A measure is a task.',
          'For example: a training for the staff.',
          'Evidence shows: This really happened.',
          'Evidence is, for example, a letter or minutes of a meeting.',
          'You can upload evidence as a file.',
        ],
      },
      {
        heading: 'Sign-offs',
        sentences: [
          'The management must allow some steps.',
          'This is called a sign-off.',
          'The management finds the requests under "Sign-offs".',
          'The management can say yes or no.',
          'They sign this digitally, too.',
        ],
        link: { to: { screen: 'inbox' }, text: 'To the sign-offs' },
      },
      {
        heading: 'Checking',
        sentences: [
          'An auditor wants to see: Is everything written down correctly?',
          'For this there is a file with all steps.',
          'Under "Verify & import" Ankerpunkt checks this file.',
          'Ankerpunkt then says: The file is all right.',
          'Or: Something was changed at this place.',
        ],
        link: { to: { screen: 'verify' }, text: 'To checking' },
      },
      {
        heading: 'How to use Ankerpunkt',
        sentences: [
          'The menu is at the top of every page.',
          'You can use everything with the mouse.',
          'You can also use everything with the keyboard.',
          'The Tab key takes you to the next field.',
          'The Enter key presses a button.',
          'At the top right you can change the language: German or English.',
        ],
      },
      {
        heading: 'Accessibility',
        sentences: [
          'Everybody should be able to use Ankerpunkt well.',
          'People with disabilities, too.',
          'This is called accessibility.',
          'The accessibility statement says: What does not work well yet?',
          'It also says: Whom can you write to?',
          'The link to the statement is at the bottom of every page.',
        ],
        link: { to: { screen: 'accessibility' }, text: 'To the accessibility statement' },
      },
    ],
  },
};

export function EasyLanguageScreen() {
  const t = useMessages(messages);
  return (
    <article className="info-page easy-language">
      <h1>{t.title}</h1>
      {t.parts.map((part, i) => (
        <section key={part.heading} aria-labelledby={`easy-${i}`}>
          <h2 id={`easy-${i}`}>{part.heading}</h2>
          {part.sentences.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
          {part.link ? (
            <p>
              <Link to={part.link.to}>{part.link.text}</Link>
            </p>
          ) : null}
        </section>
      ))}
    </article>
  );
}
