import { useSection } from '../components/i18n.tsx';

/** The projector's texts (section 'projector' of the catalogue) in the current locale. */
export const useT = () => useSection('projector');
