/** Small read-only views of a piece of evidence: its digest, its content, what it proves. */
import { type ReactNode, useState } from 'react';
import type { ProcessContext } from '../../../machines/process/process.context.ts';
import type { EvidenceContent, EvidenceProves } from '../../../machines/process/process.events.ts';
import { findMeasure } from '../../../machines/process/process.queries.ts';
import { stageTemplate } from '../../../standards/rulebook.ts';
import { useServices } from '../data.tsx';
import { formatBytes, useLang, useMessages } from '../i18n.tsx';
import { evidenceMessages } from './messages.ts';
import { FilePreview } from './Preview.tsx';
import { isWebAddress } from './use-evidence-content.ts';

/** The first 12 hex digits to read and compare at a glance; the full digest for tools and readers. */
export function Digest({ sha256 }: { sha256: string }) {
  const t = useMessages(evidenceMessages);
  return (
    <>
      <code className="digest" title={sha256} aria-hidden="true">
        {sha256.slice(0, 12)}…
      </code>
      <span className="visually-hidden">
        {t.fullDigest} {sha256}
      </span>
    </>
  );
}

export function ContentSummary({ content }: { content: EvidenceContent }) {
  const t = useMessages(evidenceMessages);
  const { lang } = useLang();
  switch (content.type) {
    case 'file':
      return (
        <span>
          {t.file}: {content.name} ({formatBytes(content.size, lang)}, {content.mediaType})
        </span>
      );
    case 'link':
      // The log only holds http(s) links; checked again here because imported logs are hostile too.
      return isWebAddress(content.url) ? (
        <span className="link-content">
          {t.link}:{' '}
          <a href={content.url} target="_blank" rel="noopener noreferrer nofollow">
            {content.url}
            <span className="visually-hidden"> ({t.openLink})</span>
          </a>
        </span>
      ) : (
        <span>
          {t.link}: {content.url}
        </span>
      );
    case 'note':
      return (
        <span className="note-content">
          {t.note}: <span className="note-text">{content.text}</span>
        </span>
      );
  }
}

export function ProvesSummary({ ctx, proves }: { ctx: ProcessContext; proves: EvidenceProves }) {
  const t = useMessages(evidenceMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const parts: ReactNode[] = [];
  if (proves.stage) {
    const stage = stageTemplate(engine.rulebook, proves.stage);
    parts.push(`${t.stage} ${stage.number}. ${stage.title[lang]}`);
  }
  if (proves.measureId) parts.push(`${t.measureWord}: ${findMeasure(ctx, proves.measureId)?.title ?? proves.measureId}`);
  for (const id of proves.standardIds) {
    const standard = engine.rulebook.catalog.standards.find((s) => s.id === id);
    parts.push(standard ? `${t.standardWord} ${standard.number}. ${standard.title[lang]}` : id);
  }
  if (parts.length === 0) return <>{t.provesNothing}</>;
  return <>{parts.join('; ')}</>;
}

/** A file's preview, loaded only while open: closed previews hold no object URLs. */
export function PreviewToggle({ content }: { content: EvidenceContent }) {
  const t = useMessages(evidenceMessages);
  const [open, setOpen] = useState(false);
  if (content.type !== 'file') return null;
  return (
    <details className="preview-toggle" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t.previewShow}</summary>
      {open ? <FilePreview content={content} /> : null}
    </details>
  );
}
