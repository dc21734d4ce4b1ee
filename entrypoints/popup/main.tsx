import { createRoot } from 'react-dom/client';
import { App } from './App';
import { uiLang } from '../../src/ui/i18n';
import '../../src/ui/report.css';
import './popup.css';

// The page's language follows the UI language the strings come in (screen readers pick the voice).
document.documentElement.lang = uiLang();
createRoot(document.getElementById('root')!).render(<App />);
