import type { HallInfo } from '../../../shared/hall.ts';
import { hallReplySchema } from '../../../shared/responses/trust.ts';
import { useResource, type Resource } from '../useResource.ts';

/** The hall's network as the server reports it (GET /api/hall). */
export const useHall = (): Resource<HallInfo> => useResource('/api/hall', hallReplySchema);

/**
 * The origin every QR code and link is built from (DESIGN.md §12): the hall address in force (PUBLIC_URL or the
 * console's choice), else the address this console was opened at.
 */
export const hallOrigin = (info: HallInfo | null): string => info?.publicUrl ?? location.origin;
