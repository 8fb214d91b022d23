import {
  CLOUD_ENDPOINTS,
  type CloudKind,
  DEFAULT_CONNECTIONS,
  DEFAULT_PORTS,
  MAX_CONNECTIONS,
} from '../../../../../shared/profile';
import { ChevronIcon } from '../../../components/icons';
import { CLOUD_LABELS } from '../draft-form';
import { DraftRadioGroup, DraftTextField } from './DraftFields';
import type { Draft } from './use-draft';

/** Step 2: the tenant and app registration, the cloud, and (behind "Advanced") server and proxy. */
export function MicrosoftStep({ draft, idPrefix }: { draft: Draft; idPrefix: string }) {
  const { form } = draft;
  const defaults = form.cloud === 'custom' ? null : CLOUD_ENDPOINTS[form.cloud];
  const defaultHost =
    form.cloud === 'custom' ? form.exchangeHost.trim() || 'the Exchange host' : defaults?.exchangeHost;
  const ports = DEFAULT_PORTS[form.protocol];
  const cloudId = `${idPrefix}-cloud`;
  const cloudError = draft.errorFor('cloud');
  const field = { draft, idPrefix };

  return (
    <fieldset className="wizard-section" data-testid="step-microsoft">
      <legend className="sr-only">Microsoft 365</legend>
      <div className="wizard-row">
        <DraftTextField
          {...field}
          name="tenant"
          label="Tenant ID or domain"
          placeholder="contoso.onmicrosoft.com"
          help="Entra admin center → Overview → Tenant ID, or a verified domain."
        />
        <DraftTextField
          {...field}
          name="clientId"
          label="Application (client) ID"
          placeholder="00000000-0000-0000-0000-000000000000"
          help="App registrations → your app → Overview."
        />
      </div>
      <div className="wizard-field" data-testid="field-cloud">
        <label htmlFor={cloudId} className="field-label">
          Cloud
        </label>
        <select
          id={cloudId}
          data-field="cloud"
          aria-invalid={cloudError ? true : undefined}
          onBlur={() => draft.touch('cloud')}
          className="select"
          value={form.cloud}
          onChange={(event) => draft.update('cloud', event.target.value as CloudKind)}
        >
          {(Object.keys(CLOUD_LABELS) as CloudKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {CLOUD_LABELS[kind]}
            </option>
          ))}
        </select>
        <p className="field-help">
          {defaults
            ? `Tokens from ${defaults.authorityHost}, for ${defaults.exchangeHost}.`
            : 'For a sovereign cloud Mailscope does not list, or a test environment.'}
        </p>
      </div>
      {form.cloud === 'custom' ? (
        <div className="wizard-row">
          <DraftTextField
            {...field}
            name="authorityHost"
            label="Authority host"
            placeholder="login.microsoftonline.com"
            help="Where tokens come from: host, or host:port."
          />
          <DraftTextField
            {...field}
            name="exchangeHost"
            label="Exchange host"
            placeholder="outlook.office365.com"
            help="The token is for https://<this host>/.default."
          />
        </div>
      ) : null}

      <button
        type="button"
        className="disclosure"
        aria-expanded={draft.showAdvanced}
        aria-controls={`${idPrefix}-advanced`}
        onClick={draft.toggleAdvanced}
      >
        <ChevronIcon className="disclosure__chevron" />
        Advanced: server, port, TLS, proxy, connections
      </button>
      {draft.showAdvanced ? (
        <div id={`${idPrefix}-advanced`} className="wizard-advanced">
          <div className="wizard-row wizard-row--server">
            <DraftTextField
              {...field}
              name="serverHost"
              label="Server host"
              placeholder={defaultHost ?? ''}
              help={`Empty: ${defaultHost ?? 'the cloud’s Exchange host'}.`}
            />
            <DraftTextField
              {...field}
              name="port"
              label="Port"
              placeholder={String(ports[form.tlsMode])}
              inputMode="numeric"
              help={`Empty: ${ports[form.tlsMode]}.`}
            />
          </div>
          <DraftRadioGroup
            draft={draft}
            idPrefix={idPrefix}
            inline
            name="tlsMode"
            legend="TLS"
            options={[
              { value: 'implicit', title: `Implicit TLS (${ports.implicit})` },
              { value: 'starttls', title: `STARTTLS (${ports.starttls})` },
            ]}
          />
          <DraftTextField
            {...field}
            name="proxy"
            label="Proxy for token requests"
            placeholder="http://proxy.contoso.com:8080"
            help="Empty: the HTTPS_PROXY environment variable, if set."
          />
          {form.protocol === 'imap' ? (
            <DraftTextField
              {...field}
              name="connections"
              label="Connections for searches and exports"
              placeholder={String(DEFAULT_CONNECTIONS)}
              inputMode="numeric"
              help={`IMAP sessions a search in every folder, a Message-ID lookup or an export may use at once, besides the one you browse with. Empty: ${DEFAULT_CONNECTIONS}; at most ${MAX_CONNECTIONS}. Exchange Online limits connections per mailbox, for all its users together.`}
            />
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
