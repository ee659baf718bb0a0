/**
 * Creating a process: the agency, the ambassador (the person using this device, with a key made
 * here) and the start date. Loaded on its own with the process engine it needs.
 */
import { type FormEvent, useState } from 'react';
import type { AgencyType } from '../../../standards/schema.ts';
import type { AppendOutcome } from '../../db/process-store.ts';
import { signingKeyOf } from '../../db/reads.ts';
import { DEMO_AMBASSADOR_ID } from '../../domain/demo/demo-id.ts';
import { useCurrentIdentity, useSend, useServices, useSigner } from '../data.tsx';
import { EngineProvider } from '../engine.tsx';
import { useMessages } from '../i18n.tsx';
import { requestPersistentStorage } from '../persistence.ts';
import { Link, navigate } from '../router.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { OutcomeMessage } from '../ui/Reasons.tsx';
import { startMessages } from './messages.ts';

const today = () => new Date().toISOString().slice(0, 10);

function CreateProcessForm() {
  const t = useMessages(startMessages);
  const services = useServices();
  const send = useSend();
  const current = useCurrentIdentity();
  // After the demo, the device acts as its sample ambassador; a real process needs the real person.
  const demoPersona = current?.personId === DEMO_AMBASSADOR_ID ? current : null;
  const identity = demoPersona ? null : current;
  const signer = useSigner();
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
    const me = identity ?? (await send('createProfile', { name: form.person.trim(), organisation: form.organisation.trim() }));
    if (demoPersona) await send('chooseProfile', { personId: me.personId });
    const processId = crypto.randomUUID();
    // The founder's key signs the opening; a locked passphrase profile must be unlocked first.
    const key = me === identity && signer ? { privateKey: signer.privateKey, record: me.publicKey } : signingKeyOf(me);
    const eventSigner = key ? { personId: me.personId, key } : null;
    const result = await send('recordEvent', {
      processId,
      command: {
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
          founder: { personId: me.personId, name: me.name, roles: ['ambassador'], organisation: me.organisation, key: me.publicKey },
        },
      },
      signer: eventSigner,
    });
    setOutcome(result);
    if (result.ok) {
      requestPersistentStorage();
      navigate({ screen: 'process', processId, tab: 'overview' });
    }
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
          <p className="hint">
            {t.actingAs(identity.name)} <Link to={{ screen: 'settings' }}>{t.notYou}</Link>
          </p>
        ) : (
          <fieldset>
            <legend>{t.you}</legend>
            {demoPersona ? <p className="hint">{t.actingAsDemo(demoPersona.name)}</p> : null}
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

export function CreateProcess() {
  return (
    <EngineProvider>
      <CreateProcessForm />
    </EngineProvider>
  );
}
