/**
 * Start: the processes on this device, a form to create one, and the demo process.
 */
import { type FormEvent, useState } from 'react';
import { stageTemplate } from '../../../standards/rulebook.ts';
import type { AgencyType } from '../../../standards/schema.ts';
import { createIdentity, signingKeyOf } from '../../db/identities.ts';
import { type AppendOutcome, appendCommand } from '../../db/process-store.ts';
import { useCurrentIdentity, useProcessList, useServices } from '../data.tsx';
import { formatDay, useLang, useMessages } from '../i18n.tsx';
import { Link, navigate } from '../router.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { OutcomeMessage } from '../ui/Reasons.tsx';
import { DEMO_PROCESS_ID } from './demo-id.ts';
import { startMessages } from './messages.ts';

function ProcessList() {
  const t = useMessages(startMessages);
  const { lang } = useLang();
  const { engine } = useServices();
  const processes = useProcessList();
  if (processes === undefined) return null;
  if (processes.length === 0) return <p>{t.none}</p>;
  return (
    <table className="process-table">
      <caption className="visually-hidden">{t.title}</caption>
      <thead>
        <tr>
          <th scope="col">{t.agency}</th>
          <th scope="col">{t.type}</th>
          <th scope="col">{t.region}</th>
          <th scope="col">{t.stage}</th>
          <th scope="col">{t.cycle}</th>
          <th scope="col">{t.next}</th>
        </tr>
      </thead>
      <tbody>
        {processes.map((p) => (
          <tr key={p.processId}>
            <th scope="row">
              <Link to={{ screen: 'process', processId: p.processId, tab: 'overview' }} aria-label={t.open(p.agencyName)}>
                {p.agencyName}
              </Link>
            </th>
            <td>{t.types[p.agencyType]}</td>
            <td>{p.region}</td>
            <td>
              {stageTemplate(engine.rulebook, p.stage).number}. {stageTemplate(engine.rulebook, p.stage).title[lang]}
              {p.paused ? <span className="badge badge-warning"> ⏸ {t.paused}</span> : null}
            </td>
            <td>{p.cycle}</td>
            <td>
              {p.nextDue ? (
                <>
                  {p.nextDue.overdue ? <span className="badge badge-danger">⚠ {t.overdue}</span> : null} {formatDay(p.nextDue.due, lang)}:{' '}
                  {p.nextDue.title}
                </>
              ) : (
                t.nothingDue
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DemoLoader() {
  const t = useMessages(startMessages);
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const load = async () => {
    setBusy(true);
    setMessage(t.demoLoading);
    // The demo generator is loaded only when asked for: it is not part of the initial download.
    const { loadDemo } = await import('./load-demo.ts');
    const outcome = await loadDemo(services);
    setBusy(false);
    if (outcome.ok || outcome.kind === 'exists') {
      setMessage(outcome.ok ? null : t.demoExists);
      navigate({ screen: 'process', processId: DEMO_PROCESS_ID, tab: 'overview' });
    } else {
      setMessage(outcome.kind === 'storage' ? outcome.problem.code : outcome.detail);
    }
  };
  return (
    <section className="card" aria-labelledby="demo-title">
      <h2 id="demo-title">{t.demoTitle}</h2>
      <p>{t.demoText}</p>
      <button type="button" onClick={load} disabled={busy} aria-describedby="demo-status">
        {t.demoButton}
      </button>
      <p id="demo-status" role="status">
        {message}
      </p>
    </section>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function CreateProcess() {
  const t = useMessages(startMessages);
  const services = useServices();
  const identity = useCurrentIdentity();
  const [form, setForm] = useState({
    name: '',
    type: 'JC' as AgencyType,
    region: 'Baden-Württemberg',
    person: '',
    organisation: '',
    startedOn: today(),
  });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, string>>>({});
  const [outcome, setOutcome] = useState<AppendOutcome | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!form.name.trim()) found.name = t.required;
    if (!form.region.trim()) found.region = t.required;
    if (!identity && !form.person.trim()) found.person = t.required;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.startedOn) || Number.isNaN(Date.parse(form.startedOn))) found.startedOn = t.badDate;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const me = identity ?? (await createIdentity(services.db, { name: form.person.trim(), organisation: form.organisation.trim() }));
    const processId = crypto.randomUUID();
    const key = signingKeyOf(me);
    const result = await appendCommand(services.db, services.engine, services.sha256, processId, {
      type: 'ProcessOpened',
      id: crypto.randomUUID(),
      at: services.now().toISOString(),
      actor: { personId: me.personId, role: 'ambassador' },
      payload: {
        processId,
        agency: { name: form.name.trim(), type: form.type, region: form.region.trim() },
        templateVersion: services.engine.rulebook.template.version,
        catalogVersion: services.engine.rulebook.catalog.version,
        startedOn: form.startedOn,
        founder: { personId: me.personId, name: me.name, roles: ['ambassador'], organisation: me.organisation, key: key.record },
      },
    });
    setOutcome(result);
    if (result.ok) navigate({ screen: 'process', processId, tab: 'overview' });
  };

  return (
    <section className="card" aria-labelledby="create-title">
      <h2 id="create-title">{t.createTitle}</h2>
      <form onSubmit={submit} noValidate>
        <TextField label={t.agencyName} hint={t.agencyNameHint} value={form.name} onChange={set('name')} error={errors.name} required />
        <SelectField label={t.agencyType} value={form.type} onChange={set('type')} required>
          <option value="AA">{t.types.AA}</option>
          <option value="JC">{t.types.JC}</option>
        </SelectField>
        <TextField label={t.regionLabel} value={form.region} onChange={set('region')} error={errors.region} required />
        {identity ? (
          <p className="hint">{t.actingAs(identity.name)}</p>
        ) : (
          <fieldset>
            <legend>{t.you}</legend>
            <TextField label={t.yourName} value={form.person} onChange={set('person')} error={errors.person} required autoComplete="name" />
            <TextField label={t.yourOrganisation} hint={t.yourOrganisationHint} value={form.organisation} onChange={set('organisation')} />
          </fieldset>
        )}
        <TextField label={t.startedOn} type="date" value={form.startedOn} onChange={set('startedOn')} error={errors.startedOn} required />
        <button type="submit" className="primary">
          {t.create}
        </button>
        <OutcomeMessage outcome={outcome} />
      </form>
    </section>
  );
}

export function StartScreen() {
  const t = useMessages(startMessages);
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <ProcessList />
      <div className="two-columns">
        <CreateProcess />
        <DemoLoader />
      </div>
    </>
  );
}
