import { act, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { applyProblemToForm, toFieldName } from './problemToForm';

describe('toFieldName', () => {
  it('strips the body prefix', () => {
    expect(toFieldName('body.email')).toBe('email');
    expect(toFieldName('email')).toBe('email');
  });

  it('converts nested and indexed paths to react-hook-form names', () => {
    expect(toFieldName('body.family.0.name')).toBe('family.0.name');
    expect(toFieldName('body.family[0].name')).toBe('family.0.name');
  });

  it('gives null for paths that are not form fields', () => {
    expect(toFieldName('body')).toBeNull();
    expect(toFieldName('query.limit')).toBeNull();
  });
});

interface Values {
  email: string;
  family: { name: string }[];
}

function setup() {
  return renderHook(() => {
    const form = useForm<Values>({ defaultValues: { email: '', family: [{ name: '' }] } });
    void form.formState.errors; // subscribe, as a rendered form does
    return form;
  });
}

describe('applyProblemToForm', () => {
  it('puts each field error next to its field', () => {
    const { result } = setup();
    act(() => {
      const placed = applyProblemToForm(
        {
          title: 'Your request has errors',
          status: 422,
          errors: [
            { field: 'body.email', message: 'Enter a valid email address' },
            { field: 'body.family.0.name', message: 'Enter a name' },
          ],
        },
        result.current.setError,
        ['email', 'family'],
      );
      expect(placed).toBe(2);
    });
    const { errors } = result.current.formState;
    expect(errors.email?.message).toBe('Enter a valid email address');
    expect(errors.family?.[0]?.name?.message).toBe('Enter a name');
    expect(errors.root?.server).toBeUndefined();
  });

  it('puts errors for unknown fields, or a bare problem, in root.server', () => {
    const setError = vi.fn();
    applyProblemToForm(
      { title: 'Bad', status: 422, errors: [{ field: 'body.nickname', message: 'Not allowed' }] },
      setError,
      ['email'],
    );
    expect(setError).toHaveBeenCalledWith('root.server', { type: 'server', message: 'Not allowed' });

    setError.mockClear();
    applyProblemToForm({ title: 'Bad request', status: 400, detail: 'Incorrect email or password' }, setError, ['email']);
    expect(setError).toHaveBeenCalledWith('root.server', { type: 'server', message: 'Incorrect email or password' });
  });
});
