import { describe, expect, expectTypeOf, it } from 'vitest';
import { ArcMessageSignature, ArcSeal, type HeaderRef } from '../../../shared/analysis';
import { FolderFailure, FolderHits, type MailboxFinding, type SearchAllResult } from '../../../shared/find';
import { CalendarTime, DkimSignature, ReceivedHop, signatureTags } from '../../../shared/inspection';
import { DiagnosticStep, Remedy, type StepId, type StepStatus } from '../../../shared/diagnostics';
import type { ErrorInfo } from '../../../shared/errors';
import type { Envelope } from '../../../shared/model';

/** An intersection written out as one object type, as z.infer gives it. */
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * Schemas built from shared field fragments must infer exactly the types they had when each
 * spelled its fields out: electron/ and renderer/ rely on them. The type checks run in
 * `npm run typecheck`; the runtime checks show the fragments really are shared.
 */

describe('signatureTags', () => {
  it('is the one definition of d=, s=, a= and t= in DKIM and both ARC signatures', () => {
    for (const schema of [DkimSignature, ArcSeal, ArcMessageSignature]) {
      for (const [name, tag] of Object.entries(signatureTags)) {
        expect(schema.shape[name as keyof typeof signatureTags], name).toBe(tag);
      }
    }
  });

  it('keeps the signatures’ inferred types', () => {
    interface Tags {
      domain: string | null;
      selector: string | null;
      algorithm: string | null;
      signedAt: string | null;
    }
    expectTypeOf<DkimSignature>().toEqualTypeOf<
      Flat<Tags & { identity: string | null; canonicalization: string | null; headers: string[] }>
    >();
    expectTypeOf<ArcSeal>().toEqualTypeOf<Flat<Tags & { header: HeaderRef; cv: string | null }>>();
    expectTypeOf<ArcMessageSignature>().toEqualTypeOf<
      Flat<Tags & { header: HeaderRef; signedHeaders: string[] }>
    >();
  });
});

describe('folderPlace', () => {
  it('names a folder by id and display path wherever a fan-out reports one', () => {
    const place = { folderId: 'f1', folderPath: 'Archive/2025' };
    const error = { code: 'INTERNAL', message: 'x' };
    expect(FolderFailure.parse({ ...place, error })).toMatchObject(place);
    expect(FolderHits.parse({ sourceId: 's', ...place, total: 0, items: [] })).toMatchObject(place);
    expect(FolderFailure.safeParse({ folderId: 'f1', error }).success).toBe(false);
  });

  it('keeps the fan-out results’ inferred types', () => {
    interface Place {
      folderId: string;
      folderPath: string;
    }
    expectTypeOf<FolderFailure>().toEqualTypeOf<Flat<Place & { error: ErrorInfo }>>();
    expectTypeOf<FolderHits>().toEqualTypeOf<
      Flat<Place & { sourceId: string; total: number; items: Envelope[] }>
    >();
    expectTypeOf<SearchAllResult['hits'][number]>().toEqualTypeOf<Flat<Place & { total: number }>>();
    expectTypeOf<MailboxFinding['found'][number]>().toEqualTypeOf<Flat<Place & { envelope: Envelope }>>();
  });
});

describe('DiagnosticStep', () => {
  it('takes its cause and fix from Remedy, optional', () => {
    expect(DiagnosticStep.shape.cause.unwrap()).toBe(Remedy.shape.cause);
    expect(DiagnosticStep.shape.fix.unwrap()).toBe(Remedy.shape.fix);
    const step = { id: 'dns', title: 'DNS', status: 'ok', durationMs: 1, evidence: [] };
    expect(DiagnosticStep.parse(step)).toEqual(step);
    expect(DiagnosticStep.safeParse({ ...step, cause: 1 }).success).toBe(false);
  });

  it('keeps its inferred type', () => {
    expectTypeOf<DiagnosticStep>().toEqualTypeOf<{
      id: StepId;
      title: string;
      status: StepStatus;
      durationMs: number;
      evidence: string[];
      cause?: string | undefined;
      fix?: string | undefined;
      otherCauses?: Remedy[] | undefined;
    }>();
  });
});

describe('ISO 8601 times in inspection', () => {
  it('are one nullable-text schema for a hop date, a signing time and a calendar instant', () => {
    expect(ReceivedHop.shape.date).toBe(signatureTags.signedAt);
    expect(CalendarTime.shape.instant).toBe(signatureTags.signedAt);
    expect(signatureTags.signedAt.parse(null)).toBeNull();
    expect(signatureTags.signedAt.parse('2025-03-01T10:00:00.000Z')).toBe('2025-03-01T10:00:00.000Z');
  });

  it('keep their inferred types', () => {
    expectTypeOf<ReceivedHop['date']>().toEqualTypeOf<string | null>();
    expectTypeOf<CalendarTime>().toEqualTypeOf<{
      instant: string | null;
      date: string | null;
      text: string | null;
    }>();
  });
});
