import { createRoot } from 'react-dom/client';
import { App } from './App';
import { t, uiLang } from '../../src/ui/i18n';
import '../../src/ui/report.css';
import '../../src/ui/dashboard/dashboard.css';

document.documentElement.lang = uiLang();
document.title = t('dashTitle');
createRoot(document.getElementById('root')!).render(<App />);
