import { describe, expect, it } from 'vitest';
import { ngoSchema } from '../../model/ngo.ts';
import { OPEN_DATA_FIELDS } from './open-data-fields.ts';

describe('the fields /data/ describes', () => {
  it('are the model’s fields, in its order, each marked required exactly when the schema requires it', () => {
    const shape = ngoSchema.shape;
    expect(OPEN_DATA_FIELDS.map((f) => f.field)).toEqual(Object.keys(shape));
    for (const { field, required } of OPEN_DATA_FIELDS)
      expect(required).toBe(!shape[field].safeParse(undefined).success);
  });
});
