// The supervision API's answers as the console reads them (server/supervision/presenters.ts, staff view).

export interface SvInspection {
  id: string;
  date: string;
  kind: 'inspection' | 'supervision';
  findings: string;
  deputyCount: number;
  deputies: { id: string; name: string }[];
  photos: { id: string; url: string; filename: string }[];
  corrected: boolean;
  withdrawn: { at: number; reason: string } | null;
}
export interface SvOpinion {
  id: string;
  deputyName: string;
  date: string;
  text: string;
  status: 'pending' | 'answered';
  reply: { text: string; unit: string | null } | null;
  verdict: 'satisfied' | 'dissatisfied' | null;
}
export interface SvRectification {
  id: string;
  /** The day the task was opened (the 不满意 evaluation's announcement). */
  openedOn: string;
  deadline: string | null;
  status: 'no_deadline' | 'open' | 'overdue' | 'closed';
  overdue: boolean;
  closedOn: string | null;
  closingNote: string | null;
  reports: { id: string; date: string; text: string; unit: string | null }[];
}
export interface Supervision {
  /** The day the view is as of (统计至): today unless asked. */
  asOf: string;
  inspections: SvInspection[];
  opinions: SvOpinion[];
  rectifications: SvRectification[];
}
export interface SupervisionAnswer {
  supervision: Supervision;
  roster?: { id: string; name: string }[];
}
