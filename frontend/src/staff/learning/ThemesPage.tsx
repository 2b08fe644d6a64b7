import { useState } from 'react';
import { errorMessage, unwrap } from '../../api/problem';
import { Button, Input, NotificationBanner, Table, Tag } from '../../components/govuk';
import { Loading } from '../../components/layout/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { api } from '../api';
import { SimpleForm } from '../rapid-reviews/SimpleForm';
import { useLearningMutation, useThemes, type Theme } from './learningApi';

/** The business office's list of themes: add, rename, retire and bring back. */
export function ThemesPage() {
  usePageTitle('Themes');
  const { data, error, isPending } = useThemes(true);
  const [done, setDone] = useState<string>();
  const add = useLearningMutation(async (v: { name: string }) => unwrap(await api.POST('/api/v1/themes', { body: { name: v.name } })));
  return (
    <>
      <h1 className="govuk-heading-l">Themes</h1>
      <p className="govuk-body">Recommendations are tagged with these themes, so recurring themes can be counted across reviews. A retired theme stays on what it tagged but is no longer offered.</p>
      {done && <NotificationBanner type="success" heading={done} />}
      {isPending && <Loading what="themes" />}
      {error && <p className="govuk-body">{errorMessage(error)}</p>}
      {data && (
        <Table
          caption={`${data.length} themes`}
          columns={[{ header: 'Theme' }, { header: 'Status' }, { header: 'Change' }]}
          rows={data.map((theme) => ({ key: theme.id, cells: [theme.name, theme.retired ? <Tag colour="grey">Retired</Tag> : <Tag colour="green">In use</Tag>, <ThemeChanges theme={theme} onDone={setDone} />] }))}
        />
      )}
      <h2 className="govuk-heading-m">Add a theme</h2>
      <SimpleForm<{ name: string }> fields={['name']} defaultValues={{ name: '' }} button="Add the theme" onSubmit={add.mutateAsync} onDone={(form) => {
        setDone(`${form.getValues('name')} is added`);
        form.reset();
      }}>
        {({ register }, error) => <Input id="name" label="Name" error={error('name')} {...register('name', { required: 'Enter the theme’s name' })} />}
      </SimpleForm>
    </>
  );
}

function ThemeChanges({ theme, onDone }: { theme: Theme; onDone: (message: string) => void }) {
  const [error, setError] = useState<string>();
  const change = useLearningMutation(async (body: { name?: string; retired?: boolean }) =>
    unwrap(await api.PATCH('/api/v1/themes/{theme_id}', { params: { path: { theme_id: theme.id } }, body })),
  );
  async function run(body: { name?: string; retired?: boolean }, message: string) {
    setError(undefined);
    try {
      await change.mutateAsync(body);
      onDone(message);
    } catch (e) {
      setError(errorMessage(e));
      throw e;
    }
  }
  return (
    <>
      {error && <p className="govuk-error-message">{error}</p>}
      <Button type="button" variant="secondary" className="govuk-!-margin-bottom-2" onClick={() => void run({ retired: !theme.retired }, theme.retired ? `${theme.name} is back in use` : `${theme.name} is retired`).catch(() => undefined)}>
        {theme.retired ? 'Bring back' : 'Retire'}
        <span className="govuk-visually-hidden"> {theme.name}</span>
      </Button>
      <details className="govuk-details govuk-!-margin-bottom-0">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            Rename<span className="govuk-visually-hidden"> {theme.name}</span>
          </span>
        </summary>
        <div className="govuk-details__text">
          <SimpleForm<{ name: string }> fields={['name']} defaultValues={{ name: theme.name }} button="Rename" onSubmit={(v) => run({ name: v.name }, `Renamed to ${v.name}`)}>
            {({ register }, fieldError) => <Input id={`rename-${theme.id}`} label="New name" error={fieldError('name')} {...register('name', { required: 'Enter the new name' })} />}
          </SimpleForm>
        </div>
      </details>
    </>
  );
}
