/** The Erklärung zur Barrierefreiheit, with the feedback form that writes an e-mail. */
import { useState } from 'react';
import { formatDay, useLang, useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { TextArea, TextField } from '../ui/Field.tsx';
import { type OperatorState, useOperator } from './operator.ts';
import { type Block, feedbackMailto, type OperatorInput, STATEMENT_DATE, statementSections } from './statement.ts';
import './accessibility.css';

const messages = {
  de: {
    title: 'Erklärung zur Barrierefreiheit',
    loading: 'Kontaktdaten werden geladen …',
    invalid: (problem: string) =>
      `Die Datei operator.json dieser Installation ist fehlerhaft (${problem}). Bis sie korrigiert ist, fehlen hier die Kontaktdaten; bitte Ihre IT-Betreuung informieren.`,
    offline: 'Ohne Netz: Es werden die zuletzt geladenen Kontaktdaten gezeigt.',
    alsoEasy: 'Diese Anwendung in Leichter Sprache',
    alsoSign: 'Diese Anwendung in Deutscher Gebärdensprache',
    form: 'Barriere melden',
    page: 'Betroffene Seite oder Funktion',
    pageHint: 'Zum Beispiel „Nachweise, Datei hochladen“.',
    problem: 'Beschreibung der Barriere',
    problemHint: 'Was wollten Sie tun, und was hat nicht funktioniert? Welches Hilfsmittel nutzen Sie?',
    name: 'Ihr Name (freiwillig)',
    reply: 'Antwort bitte an (freiwillig)',
    replyHint: 'E-Mail-Adresse oder Telefonnummer.',
    write: 'E-Mail erstellen',
    writeHint:
      'Öffnet Ihr E-Mail-Programm mit einer fertigen Nachricht. Ankerpunkt selbst sendet nichts; Sie prüfen und senden die E-Mail.',
    problemMissing: 'Bitte beschreiben Sie die Barriere.',
    noAddress: 'Das Formular ist erst nutzbar, wenn die Kontaktdaten hinterlegt sind.',
    ready: 'Die E-Mail ist vorbereitet. Falls sich kein E-Mail-Programm geöffnet hat, nutzen Sie den Link:',
    openMail: 'E-Mail an die Kontaktstelle öffnen',
  },
  en: {
    title: 'Accessibility statement',
    loading: 'Loading contact details …',
    invalid: (problem: string) =>
      `This installation's operator.json is faulty (${problem}). Until it is corrected the contact details are missing here; please tell your IT support.`,
    offline: 'Offline: showing the contact details loaded last.',
    alsoEasy: 'This application in easy-to-read language',
    alsoSign: 'This application in German Sign Language',
    form: 'Report a barrier',
    page: 'Page or function concerned',
    pageHint: 'For example "Evidence, upload a file".',
    problem: 'Description of the barrier',
    problemHint: 'What did you want to do, and what did not work? Which assistive technology do you use?',
    name: 'Your name (optional)',
    reply: 'Please reply to (optional)',
    replyHint: 'E-mail address or phone number.',
    write: 'Create e-mail',
    writeHint: 'Opens your e-mail program with a ready message. Ankerpunkt itself sends nothing; you check and send the e-mail.',
    problemMissing: 'Please describe the barrier.',
    noAddress: 'The form can be used once the contact details have been entered.',
    ready: 'The e-mail is prepared. If no e-mail program opened, use the link:',
    openMail: 'Open e-mail to the contact point',
  },
};

function toInput(state: OperatorState): OperatorInput {
  return state.status === 'loading' ? { status: 'missing' } : state;
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'list':
      return (
        <ul>
          {block.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      );
    case 'lines':
      return (
        <p className="address">
          {block.lines.map((line, i) => (
            <span key={line}>
              {i > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      );
    case 'link':
      return (
        <p>
          {block.before}
          <a href={block.href}>{block.text}</a>
        </p>
      );
  }
}

function FeedbackForm({ email }: { email: string | null }) {
  const t = useMessages(messages);
  const { lang } = useLang();
  const [fields, setFields] = useState({ page: '', problem: '', name: '', reply: '' });
  const [error, setError] = useState<string | null>(null);
  const [mailto, setMailto] = useState<string | null>(null);
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => {
    setFields((f) => ({ ...f, [key]: e.target.value }));
    setMailto(null);
  };
  const write = () => {
    if (!email) return;
    if (!fields.problem.trim()) {
      setError(t.problemMissing);
      return;
    }
    setError(null);
    const href = feedbackMailto(email, fields, lang);
    setMailto(href);
    window.location.href = href;
  };
  return (
    <section aria-labelledby="feedback-form">
      <h3 id="feedback-form">{t.form}</h3>
      <TextField label={t.page} hint={t.pageHint} value={fields.page} onChange={set('page')} maxLength={200} />
      <TextArea
        label={t.problem}
        hint={t.problemHint}
        value={fields.problem}
        onChange={set('problem')}
        required
        error={error}
        rows={5}
        maxLength={4000}
      />
      <TextField label={t.name} value={fields.name} onChange={set('name')} maxLength={200} autoComplete="name" />
      <TextField label={t.reply} hint={t.replyHint} value={fields.reply} onChange={set('reply')} maxLength={200} />
      <p className="field-hint" id="feedback-write-hint">
        {email ? t.writeHint : t.noAddress}
      </p>
      <button type="button" onClick={write} aria-disabled={email ? undefined : true} aria-describedby="feedback-write-hint">
        {t.write}
      </button>
      {mailto ? (
        <p>
          {t.ready} <a href={mailto}>{t.openMail}</a>
        </p>
      ) : null}
    </section>
  );
}

export function StatementScreen() {
  const t = useMessages(messages);
  const { lang } = useLang();
  const operator = useOperator();
  const sections = statementSections(lang, toInput(operator), formatDay(STATEMENT_DATE, lang));
  return (
    <article className="info-page">
      <h1>{t.title}</h1>
      {operator.status === 'loading' ? <p>{t.loading}</p> : null}
      {operator.status === 'invalid' ? <p className="notice notice-warning">{t.invalid(operator.problem)}</p> : null}
      {operator.status === 'ready' && operator.fromCache ? <p className="notice notice-info">{t.offline}</p> : null}
      <ul className="info-links">
        <li>
          <Link to={{ screen: 'easyLanguage' }}>{t.alsoEasy}</Link>
        </li>
        <li>
          <Link to={{ screen: 'signLanguage' }}>{t.alsoSign}</Link>
        </li>
      </ul>
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`statement-${section.id}`}>
          <h2 id={`statement-${section.id}`}>{section.title}</h2>
          {section.blocks.map((block) => (
            <BlockView key={JSON.stringify(block)} block={block} />
          ))}
          {section.id === 'feedback' ? <FeedbackForm email={operator.status === 'ready' ? operator.operator.email : null} /> : null}
        </section>
      ))}
    </article>
  );
}
