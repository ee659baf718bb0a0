/**
 * Schemas for the content files in standards/. The files are plain JSON so that people who are
 * not programmers (IKBO, IQ coaches) can review and change them; these schemas are what keeps
 * such a change from breaking the process engine.
 */
import * as z from 'zod/mini';

export const LocalizedText = z.strictObject({
  de: z.string().check(z.minLength(1)),
  en: z.string().check(z.minLength(1)),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A slug: lower-case words joined by hyphens, the way ids appear in events and URLs. */
export const Slug = z.string().check(z.regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a lower-case slug'));

export const IqLevel = z.enum(['structure', 'staff', 'services', 'cooperation']);
export type IqLevel = z.infer<typeof IqLevel>;

export const AgencyType = z.enum(['AA', 'JC']);
export type AgencyType = z.infer<typeof AgencyType>;

export const RoleId = z.enum([
  'ambassador',
  'managingDirector',
  'regionalDirectorate',
  'iqCoach',
  'staffCouncil',
  'supervisoryBoard',
  'auditor',
]);
export type RoleId = z.infer<typeof RoleId>;

export const StageId = z.enum(['mandate', 'setup', 'baseline', 'plan', 'implementation', 'anchoring', 'review', 'renewal']);
export type StageId = z.infer<typeof StageId>;
export const STAGE_ORDER: readonly StageId[] = StageId.options;

const Version = z.string().check(z.regex(/^\d{4}\.\d+$/, 'expected a version like 2026.1'));

// ---------------------------------------------------------------- evidence kinds

export const EvidenceKind = z.strictObject({
  id: Slug,
  label: LocalizedText,
  description: LocalizedText,
});
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const EvidenceKindsFile = z.strictObject({
  version: Version,
  kinds: z.array(EvidenceKind).check(z.minLength(1)),
});
export type EvidenceKindsFile = z.infer<typeof EvidenceKindsFile>;

// ---------------------------------------------------------------- standards catalog

export const MaturityLevel = z.int().check(z.minimum(0), z.maximum(5));
export type MaturityLevel = z.infer<typeof MaturityLevel>;

export const Standard = z.strictObject({
  id: Slug,
  number: z.int().check(z.minimum(1)),
  title: LocalizedText,
  description: LocalizedText,
  iqLevel: IqLevel,
  indicators: z.array(LocalizedText).check(z.minLength(1)),
  evidenceKinds: z.array(Slug).check(z.minLength(1)),
  /** What each PDCA level 0..5 means for this standard, in order. */
  maturity: z.array(LocalizedText).check(z.minLength(6), z.maxLength(6)),
});
export type Standard = z.infer<typeof Standard>;

export const CatalogFile = z.strictObject({
  version: Version,
  /** Generic meaning of the PDCA levels 0..5. */
  maturityScale: z.array(LocalizedText).check(z.minLength(6), z.maxLength(6)),
  /** From this level on a rating must cite evidence. */
  evidenceRequiredFromLevel: MaturityLevel,
  standards: z.array(Standard).check(z.minLength(1)),
});
export type CatalogFile = z.infer<typeof CatalogFile>;

// ---------------------------------------------------------------- measure templates

export const MeasureTemplate = z.strictObject({
  id: Slug,
  title: LocalizedText,
  description: LocalizedText,
  iqLevel: IqLevel,
  suggestedIndicator: LocalizedText,
  evidenceKinds: z.array(Slug),
  /** Completing the measure requires at least one evidence item that proves it. */
  evidenceRequiredToComplete: z.boolean(),
  /** Free tags that sign-off conditions can refer to, e.g. "co-determination". */
  tags: z.array(Slug),
});
export type MeasureTemplate = z.infer<typeof MeasureTemplate>;

export const MeasureTemplatesFile = z.strictObject({
  version: Version,
  templates: z.array(MeasureTemplate).check(z.minLength(1)),
});
export type MeasureTemplatesFile = z.infer<typeof MeasureTemplatesFile>;

// ---------------------------------------------------------------- process template

/**
 * When a sign-off role is needed. Conditions are data so that the difference between an
 * employment agency and a job centre lives in the template, not in `if`s in the machine.
 */
export type Condition =
  | { type: 'always' }
  | { type: 'agencyType'; agencyType: AgencyType }
  | { type: 'evidenceKind'; kind: string }
  | { type: 'measureTag'; tag: string }
  | { type: 'measureIqLevel'; levels: IqLevel[] }
  | { type: 'allOf'; conditions: Condition[] };

export const Condition: z.ZodMiniType<Condition> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('always') }),
    z.strictObject({ type: z.literal('agencyType'), agencyType: AgencyType }),
    z.strictObject({ type: z.literal('evidenceKind'), kind: Slug }),
    z.strictObject({ type: z.literal('measureTag'), tag: Slug }),
    z.strictObject({ type: z.literal('measureIqLevel'), levels: z.array(IqLevel).check(z.minLength(1)) }),
    z.strictObject({ type: z.literal('allOf'), conditions: z.array(Condition).check(z.minLength(1)) }),
  ]),
);

export const SignOffRule = z.strictObject({
  role: RoleId,
  when: Condition,
  why: LocalizedText,
});
export type SignOffRule = z.infer<typeof SignOffRule>;

const criterionBase = { id: Slug, label: LocalizedText };

export const ExitCriterion = z.discriminatedUnion('type', [
  /** At least `min` current evidence items of any of `kinds` prove this stage in this cycle. */
  z.strictObject({
    ...criterionBase,
    type: z.literal('evidence'),
    kinds: z.array(Slug).check(z.minLength(1)),
    min: z.int().check(z.minimum(1)),
  }),
  /** At least `min` measures planned in this cycle (not cancelled). */
  z.strictObject({
    ...criterionBase,
    type: z.literal('measuresPlanned'),
    min: z.int().check(z.minimum(1)),
  }),
  /** At least `min` measures of this cycle are done. */
  z.strictObject({
    ...criterionBase,
    type: z.literal('measuresCompleted'),
    min: z.int().check(z.minimum(1)),
  }),
  /** No open measure is past its deadline. */
  z.strictObject({ ...criterionBase, type: z.literal('noOverdueMeasures') }),
  /** Every standard of the catalog is rated in this cycle. */
  z.strictObject({ ...criterionBase, type: z.literal('standardsAssessed') }),
  /** The milestone is signed by every role its rules require now. */
  z.strictObject({ ...criterionBase, type: z.literal('signOff') }),
]);
export type ExitCriterion = z.infer<typeof ExitCriterion>;

export const Milestone = z.strictObject({
  id: Slug,
  title: LocalizedText,
  signOffs: z.array(SignOffRule).check(z.minLength(1)),
  /** Roles kept informed; they receive reports but do not sign. */
  informed: z.array(RoleId),
});
export type Milestone = z.infer<typeof Milestone>;

export const StageTemplate = z.strictObject({
  id: StageId,
  number: z.int().check(z.minimum(1), z.maximum(8)),
  title: LocalizedText,
  purpose: LocalizedText,
  /** Part of the yearly cycle (stages 4-8). */
  cyclic: z.boolean(),
  /**
   * How long an agency usually spends in the stage, in days: advice for the regional overview
   * ("stuck longer than expected"), never a rule the machine checks.
   */
  expectedDays: z.int().check(z.minimum(1), z.maximum(730)),
  allowsMeasures: z.boolean(),
  allowsAssessment: z.boolean(),
  exitCriteria: z.array(ExitCriterion).check(z.minLength(1)),
  typicalEvidence: z.array(Slug),
  milestone: Milestone,
});
export type StageTemplate = z.infer<typeof StageTemplate>;

export const EventTypeId = z.enum([
  'ProcessOpened',
  'PersonRegistered',
  'KeyRegistered',
  'KeyRevoked',
  'EvidenceAttached',
  'EvidenceRevised',
  'EvidenceErased',
  'MeasurePlanned',
  'MeasureStarted',
  'MeasureCompleted',
  'MeasureReplanned',
  'MeasureCancelled',
  'AssessmentRecorded',
  'SignOffRequested',
  'SignOffGranted',
  'SignOffRefused',
  'StageAdvanced',
  'ProcessPaused',
  'ProcessResumed',
]);
export type EventTypeId = z.infer<typeof EventTypeId>;

export const RoleTemplate = z.strictObject({
  id: RoleId,
  label: LocalizedText,
  description: LocalizedText,
});

export const ProcessTemplateFile = z.strictObject({
  version: Version,
  roles: z.array(RoleTemplate).check(z.minLength(1)),
  /** Pairs of roles one person may never hold together (four eyes). */
  incompatibleRoles: z.array(z.tuple([RoleId, RoleId])),
  /** Which roles may record which event. Sign-off decisions are further limited by the milestone. */
  permissions: z.record(EventTypeId, z.array(RoleId)),
  stages: z.array(StageTemplate).check(z.minLength(8), z.maxLength(8)),
  /** Where the next yearly cycle may start when the renewal stage is left. */
  renewalTargets: z.array(StageId).check(z.minLength(1)),
  /** A sign-off request open longer than this many days is overdue. */
  signOffDueDays: z.int().check(z.minimum(1)),
});
export type ProcessTemplateFile = z.infer<typeof ProcessTemplateFile>;
