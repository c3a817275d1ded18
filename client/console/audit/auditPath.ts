export interface AuditQuery {
  meetingOnly: boolean;
  action: string;
  ballotId: string;
  afterSeq: string;
  limit: string;
}

export const AUDIT_FIELDS = ['action', 'ballotId', 'afterSeq', 'limit'] as const;

/** The filters as GET /api/audit's query; the server checks every value. */
export function auditPath(meetingId: string, q: AuditQuery): string {
  const params = new URLSearchParams();
  if (q.meetingOnly) params.set('meetingId', meetingId);
  for (const key of AUDIT_FIELDS) if (q[key].trim()) params.set(key, q[key].trim());
  return `/api/audit?${params.toString()}`;
}
