import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '../../shared/api.ts';
import { findDevice, findSession } from '../auth/store.ts';
import { AppError, errors } from '../errors.ts';

export const SESSION_COOKIE = 'pj_session';

export interface Staff {
  id: string;
  username: string;
  role: StaffRole;
  /** Role 'unit' only. */
  unitName: string | null;
  /** A one-time password not yet changed: only the routes in PASSWORD_CHANGE_ROUTES answer. */
  mustChangePassword: boolean;
}

/** What an account with a one-time password may still do (server/auth/account-routes.ts). */
const PASSWORD_CHANGE_ROUTES = new Set(['/api/me', '/api/password']);
export interface DeputyDevice {
  deviceId: string;
  deputyId: string;
  meetingId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: Staff | null;
    device: DeputyDevice | null;
  }
  interface FastifyInstance {
    /** preHandler: only staff with one of these roles pass. */
    requireStaff: (...roles: StaffRole[]) => (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** preHandler: only a paired, unrevoked deputy tablet passes. */
    requireDevice: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

/** Who did it, as the audit log records it. */
export function actorOf(req: FastifyRequest): string {
  if (req.staff) return `staff:${req.staff.username}`;
  if (req.device) return `device:${req.device.deviceId}`;
  return 'anonymous';
}

/** The secretariat: everyone who may read ballots, tallies and the audit log. */
export const ALL_STAFF: StaffRole[] = ['admin', 'operator', 'scrutineer'];
export const OPERATORS: StaffRole[] = ['admin', 'operator'];

export default fp(
  async (app) => {
    app.decorateRequest('staff', null);
    app.decorateRequest('device', null);

    app.addHook('onRequest', async (req) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const found = await findSession(app.db, cookie, app.now());
        if (found) req.staff = { id: found.id, username: found.username, role: found.role, unitName: found.unitName, mustChangePassword: found.mustChange === 1 };
      }
      const header = req.headers.authorization;
      if (header?.startsWith('Bearer ')) {
        const device = await findDevice(app.db, header.slice(7).trim());
        if (device) req.device = device;
      }
    });

    app.decorate('requireStaff', (...roles: StaffRole[]) => async (req: FastifyRequest) => {
      if (!req.staff) throw errors.unauthenticated();
      if (req.staff.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(req.routeOptions.url ?? '')) {
        throw new AppError(403, 'password_change_required', 'change the one-time password first (POST /api/password)');
      }
      if (!roles.includes(req.staff.role)) throw errors.forbidden(`the ${req.staff.role} role cannot do this`);
    });

    app.decorate('requireDevice', async (req: FastifyRequest) => {
      if (!req.device) throw errors.unauthenticated('pair this tablet first (配对码)');
    });
  },
  { name: 'auth', dependencies: ['db', '@fastify/cookie'] },
);
