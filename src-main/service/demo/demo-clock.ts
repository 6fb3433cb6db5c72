/**
 * The demo company's simulated clock (R-CON-2). It moves time for everyone in the company (lockouts, codes, the
 * enforcement deadline), so it may leave real time only while the company holds nobody but the seeded demo people.
 */
import type { DemoClock } from '../../../shared/api/routes/demo';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import { appendAudit } from '../audit/append-audit';
import { companyMoment } from '../clock';
import { ApiError } from '../http/api-error';
import type { CompanyRow } from '../repositories/policy-rows';
import { DEMO_PERSON_EMAILS } from '../seed/demo-company';
import type { ServiceContext } from '../service-context';
import type { DemoAccess } from './demo-access';

/** How many people of the company are not seeded demo people (imported, or added by hand). */
async function othersInCompany(ctx: ServiceContext, company: CompanyRow): Promise<number> {
  const row = await ctx.store.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('company_id', '=', company.id)
    .where('email_lower', 'not in', [...DEMO_PERSON_EMAILS])
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Why the clock may not leave real time now, or null when it may. */
async function shiftRefusal(ctx: ServiceContext, company: CompanyRow): Promise<string | null> {
  const others = await othersInCompany(ctx, company);
  if (others === 0) return null;
  const people = others === 1 ? '1 person who is not a demo person' : `${others} people who are not demo people`;
  return (
    `The demo company also holds ${people} (imported or added by hand). The simulated clock moves time for everyone ` +
    'in the company, their lockouts and the enforcement deadline too, so it stays on real time. Run demos in a ' +
    'separate data folder that holds only the demo people.'
  );
}

/** The clock as the simulator shows it. */
export async function demoClockView(ctx: ServiceContext, company: CompanyRow, offsetMs = Number(company.clock_offset_ms)): Promise<DemoClock> {
  const realNow = ctx.clock.now();
  return { offsetMs, companyNow: realNow + offsetMs, realNow, shiftRefusal: await shiftRefusal(ctx, company) };
}

/** Sets the offset (0 = real time, always allowed); audited with the company time before and after. */
export async function setDemoClock(ctx: ServiceContext, access: DemoAccess, offsetMs: number): Promise<DemoClock> {
  const { company, operator } = access;
  if (offsetMs !== 0) {
    const refusal = await shiftRefusal(ctx, company);
    if (refusal !== null) throw new ApiError('forbidden', refusal, { reason: 'not_only_demo_people' });
  }
  const beforeOffset = Number(company.clock_offset_ms);
  const moment = companyMoment(ctx.clock, company);
  await ctx.store.write(async (trx) => {
    await trx.updateTable('companies').set({ clock_offset_ms: offsetMs }).where('id', '=', company.id).execute();
    await appendAudit(trx, {
      companyId: company.id,
      when: moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.demoClockShifted,
      targetId: null,
      targetEmail: null,
      before: { offsetMs: beforeOffset, companyTime: moment.company },
      after: { offsetMs, companyTime: moment.real + offsetMs },
    });
  });
  return demoClockView(ctx, { ...company, clock_offset_ms: offsetMs });
}
