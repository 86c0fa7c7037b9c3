// Every method resolves to the type core infers from the schema that parses it. Checked by the
// compiler (vitest's expectTypeOf); the runtime part only builds the clients.
import type {
  Activity,
  Booking,
  CalendarResponse,
  Client,
  CreateBookingResponse,
  PendingBooking,
  CreateStaffResponse,
  DeletedResponse,
  Hold,
  ListSlotsResponse,
  Location,
  Message,
  Practitioner,
  PublicClinic,
  Settings,
  Staff,
  TemplateWeek,
  TreatmentType,
  VerifyLoginResponse,
  WorkingTime,
} from '@tidbok/core';
import { describe, expectTypeOf, it } from 'vitest';
import { type ApplyTemplateWeekResponse, createTidbok, createTidbokAdmin, isTidbokError, type TidbokError, type TidbokErrorCode } from './index.js';

const tidbok = createTidbok({ baseUrl: 'http://clinic.test', clinic: 'lugna' });
const admin = createTidbokAdmin({ baseUrl: 'http://clinic.test', clinic: 'lugna', token: 't' });

describe('result types are the core types', () => {
  it('public client', () => {
    expectTypeOf(tidbok.clinic).returns.resolves.toEqualTypeOf<PublicClinic>();
    expectTypeOf(tidbok.slots).returns.resolves.toEqualTypeOf<ListSlotsResponse>();
    expectTypeOf(tidbok.hold).returns.resolves.toEqualTypeOf<Hold>();
    expectTypeOf(tidbok.releaseHold).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(tidbok.book).returns.resolves.toEqualTypeOf<CreateBookingResponse | PendingBooking>();
    expectTypeOf(tidbok.booking).returns.resolves.toEqualTypeOf<Booking>();
    expectTypeOf(tidbok.cancel).returns.resolves.toEqualTypeOf<Booking>();
    expectTypeOf(tidbok.requestLoginLink).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(tidbok.verifyLogin).returns.resolves.toEqualTypeOf<VerifyLoginResponse>();
    expectTypeOf(tidbok.myBookings).returns.resolves.toEqualTypeOf<Booking[]>();
  });

  it('admin catalogue', () => {
    expectTypeOf(admin.settings.get).returns.resolves.toEqualTypeOf<Settings>();
    expectTypeOf(admin.settings.update).returns.resolves.toEqualTypeOf<Settings>();

    expectTypeOf(admin.treatmentTypes.list).returns.resolves.toEqualTypeOf<TreatmentType[]>();
    expectTypeOf(admin.treatmentTypes.get).returns.resolves.toEqualTypeOf<TreatmentType>();
    expectTypeOf(admin.treatmentTypes.create).returns.resolves.toEqualTypeOf<TreatmentType>();
    expectTypeOf(admin.treatmentTypes.update).returns.resolves.toEqualTypeOf<TreatmentType>();
    expectTypeOf(admin.treatmentTypes.remove).returns.resolves.toEqualTypeOf<void>();

    expectTypeOf(admin.practitioners.list).returns.resolves.toEqualTypeOf<Practitioner[]>();
    expectTypeOf(admin.practitioners.get).returns.resolves.toEqualTypeOf<Practitioner>();
    expectTypeOf(admin.practitioners.create).returns.resolves.toEqualTypeOf<Practitioner>();
    expectTypeOf(admin.practitioners.update).returns.resolves.toEqualTypeOf<Practitioner>();
    expectTypeOf(admin.practitioners.setTreatmentTypes).returns.resolves.toEqualTypeOf<Practitioner>();
    expectTypeOf(admin.practitioners.remove).returns.resolves.toEqualTypeOf<void>();

    expectTypeOf(admin.locations.list).returns.resolves.toEqualTypeOf<Location[]>();
    expectTypeOf(admin.locations.get).returns.resolves.toEqualTypeOf<Location>();
    expectTypeOf(admin.locations.create).returns.resolves.toEqualTypeOf<Location>();
    expectTypeOf(admin.locations.update).returns.resolves.toEqualTypeOf<Location>();
    expectTypeOf(admin.locations.remove).returns.resolves.toEqualTypeOf<void>();

    expectTypeOf(admin.clients.list).returns.resolves.toEqualTypeOf<Client[]>();
    expectTypeOf(admin.clients.get).returns.resolves.toEqualTypeOf<Client>();
    expectTypeOf(admin.clients.create).returns.resolves.toEqualTypeOf<Client>();
    expectTypeOf(admin.clients.update).returns.resolves.toEqualTypeOf<Client>();
    expectTypeOf(admin.clients.remove).returns.resolves.toEqualTypeOf<void>();

    expectTypeOf(admin.staff.list).returns.resolves.toEqualTypeOf<Staff[]>();
    expectTypeOf(admin.staff.get).returns.resolves.toEqualTypeOf<Staff>();
    expectTypeOf(admin.staff.create).returns.resolves.toEqualTypeOf<CreateStaffResponse>();
    expectTypeOf(admin.staff.update).returns.resolves.toEqualTypeOf<Staff>();
    expectTypeOf(admin.staff.remove).returns.resolves.toEqualTypeOf<void>();
  });

  it('admin calendar and bookings', () => {
    expectTypeOf(admin.calendar).returns.resolves.toEqualTypeOf<CalendarResponse>();
    expectTypeOf(admin.slots).returns.resolves.toEqualTypeOf<ListSlotsResponse>();
    expectTypeOf(admin.workingTimes.get).returns.resolves.toEqualTypeOf<WorkingTime>();
    expectTypeOf(admin.workingTimes.create).returns.resolves.toEqualTypeOf<WorkingTime>();
    expectTypeOf(admin.workingTimes.update).returns.resolves.toEqualTypeOf<WorkingTime>();
    expectTypeOf(admin.workingTimes.remove).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(admin.workingTimes.removeRange).returns.resolves.toEqualTypeOf<DeletedResponse>();
    expectTypeOf(admin.activities.get).returns.resolves.toEqualTypeOf<Activity>();
    expectTypeOf(admin.activities.create).returns.resolves.toEqualTypeOf<Activity>();
    expectTypeOf(admin.activities.update).returns.resolves.toEqualTypeOf<Activity>();
    expectTypeOf(admin.activities.remove).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(admin.bookings.create).returns.resolves.toEqualTypeOf<Booking>();
    expectTypeOf(admin.bookings.get).returns.resolves.toEqualTypeOf<Booking>();
    expectTypeOf(admin.bookings.update).returns.resolves.toEqualTypeOf<Booking>();
    expectTypeOf(admin.bookings.remove).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(admin.bookings.cancel).returns.resolves.toEqualTypeOf<Booking>();
    expectTypeOf(admin.bookings.noShow).returns.resolves.toEqualTypeOf<Booking>();
    expectTypeOf(admin.bookings.sendConfirmation).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(admin.bookings.pay).returns.resolves.toEqualTypeOf<Booking>();
    expectTypeOf(admin.bookings.receiptHtml).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(admin.bookings.sendReceipt).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(admin.templateWeeks.list).returns.resolves.toEqualTypeOf<TemplateWeek[]>();
    expectTypeOf(admin.templateWeeks.create).returns.resolves.toEqualTypeOf<TemplateWeek>();
    expectTypeOf(admin.templateWeeks.apply).returns.resolves.toEqualTypeOf<ApplyTemplateWeekResponse>();
    expectTypeOf(admin.templateWeeks.remove).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(admin.messages).returns.resolves.toEqualTypeOf<Message[]>();
  });
});

describe('input types', () => {
  it('instants take a Date or a string; local-date ranges take a string', () => {
    expectTypeOf(tidbok.hold).parameter(0).toHaveProperty('start').toEqualTypeOf<Date | string>();
    expectTypeOf(tidbok.slots).parameter(0).toHaveProperty('from').toEqualTypeOf<Date | string>();
    expectTypeOf(admin.bookings.update).parameter(1).toHaveProperty('start').toEqualTypeOf<Date | string | undefined>();
    expectTypeOf(admin.templateWeeks.create).parameter(0).toHaveProperty('weekStart').toEqualTypeOf<string>();
  });

  it('every method takes an AbortSignal in its last argument', () => {
    expectTypeOf(tidbok.clinic).parameter(0).toEqualTypeOf<{ signal?: AbortSignal } | undefined>();
    expectTypeOf(tidbok.booking).parameter(1).toHaveProperty('signal').toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf(admin.bookings.cancel).parameter(2).toEqualTypeOf<{ signal?: AbortSignal } | undefined>();
  });

  it('isTidbokError narrows to TidbokError with a code that keeps the known ones', () => {
    const error: unknown = undefined;
    if (isTidbokError(error)) {
      expectTypeOf(error).toEqualTypeOf<TidbokError>();
      expectTypeOf<'slot_unavailable'>().toExtend<TidbokErrorCode>();
      expectTypeOf<'network_error'>().toExtend<TidbokErrorCode>();
    }
  });
});
