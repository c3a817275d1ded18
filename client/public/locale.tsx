import { useSection } from '../components/i18n.tsx';

/** The public page's texts (section 'public' of the catalogue), its locale and the switch. */
export const useLocale = () => useSection('public');
