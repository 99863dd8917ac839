import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { id } from './id.ts';

export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];
const STORAGE_KEY = 'atensi.lang';

function storedLang(): Lang {
  const v = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return v === 'en' ? 'en' : 'id';
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: storedLang(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/** Switch language, remember it, and tell assistive technology the page language changed. */
export function setLang(lang: Lang) {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}
