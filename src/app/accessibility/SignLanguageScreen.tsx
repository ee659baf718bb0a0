/**
 * Ankerpunkt in Deutsche Gebärdensprache (BITV 2.0 § 4). The video is the operator's to make or
 * commission; they link it in operator.json (docs/hosting.md). Until then this page says so
 * plainly instead of pretending, and points to Leichte Sprache.
 */
import { useMessages } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useOperator } from './operator.ts';
import './accessibility.css';

const messages = {
  de: {
    title: 'Ankerpunkt in Deutscher Gebärdensprache',
    intro:
      'Auf dieser Seite finden Sie ein Video in Deutscher Gebärdensprache (DGS). Es erklärt, was Ankerpunkt ist und wie Sie es benutzen.',
    video: 'Video in Deutscher Gebärdensprache ansehen',
    videoHint: 'Das Video liegt bei der Stelle, die diese Installation betreibt, und öffnet sich in einem neuen Fenster.',
    loading: 'Wird geladen …',
    missing:
      'Für diese Installation ist noch kein Video in Deutscher Gebärdensprache hinterlegt. Die Stelle, die Ankerpunkt hier betreibt, stellt es bereit und trägt den Link in die Datei operator.json ein.',
    meanwhile: 'Bis dahin erklärt die Seite in Leichter Sprache die Anwendung:',
    easy: 'Ankerpunkt in Leichter Sprache',
    statement: 'Kontakt und Feedback: Erklärung zur Barrierefreiheit',
  },
  en: {
    title: 'Ankerpunkt in German Sign Language',
    intro: 'On this page you find a video in German Sign Language (DGS). It explains what Ankerpunkt is and how to use it.',
    video: 'Watch the video in German Sign Language',
    videoHint: 'The video is hosted by the body running this installation and opens in a new window.',
    loading: 'Loading …',
    missing:
      'No video in German Sign Language has been provided for this installation yet. The body running Ankerpunkt here provides it and enters its link in the file operator.json.',
    meanwhile: 'Until then, the easy-to-read page explains the application:',
    easy: 'Ankerpunkt in easy-to-read language',
    statement: 'Contact and feedback: accessibility statement',
  },
};

export function SignLanguageScreen() {
  const t = useMessages(messages);
  const operator = useOperator();
  const video = operator.status === 'ready' ? operator.operator.signLanguageVideo : undefined;
  return (
    <article className="info-page">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {operator.status === 'loading' ? (
        <p>{t.loading}</p>
      ) : video ? (
        <p>
          <a href={video} target="_blank" rel="noopener noreferrer" aria-describedby="dgs-video-hint">
            {t.video}
          </a>
          <span className="field-hint" id="dgs-video-hint">
            {' '}
            {t.videoHint}
          </span>
        </p>
      ) : (
        <>
          <p className="notice notice-info">{t.missing}</p>
          <p>
            {t.meanwhile} <Link to={{ screen: 'easyLanguage' }}>{t.easy}</Link>
          </p>
        </>
      )}
      <p>
        <Link to={{ screen: 'accessibility' }}>{t.statement}</Link>
      </p>
    </article>
  );
}
