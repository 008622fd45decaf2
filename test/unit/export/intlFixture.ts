import fs from 'node:fs';
import path from 'node:path';
import type { JourneyMap } from '../../../shared/domain';
import type { PdfFontFiles } from '../../../shared/export/pdfText';
import { goldenMap } from './fixture';

/** The same kinds of notes in Latin, Cyrillic, CJK, Arabic, Hebrew and emoji. */
export const INTL_TEXTS = {
  latin: 'Größe der Schrift ändern',
  cyrillic: 'Страница бронирования зависает при оплате',
  japanese: '海外のカードで支払うと予約ページが時間切れになる。',
  chinese: '用国外的银行卡付款时，预订页面总是超时',
  korean: '결제 페이지가 멈춥니다',
  arabic: 'تنتهي مهلة صفحة الحجز عند الدفع',
  arabicMixed: 'الدفع عبر PayPal فشل 3 مرات',
  hebrew: 'התשלום נכשל בדף ההזמנה',
  emoji: 'Great service 😀 👍🏽 👨‍👩‍👧 🇩🇪',
} as const;

const base = goldenMap.notes[1]!;

/** A map whose title, stages, lanes, persona and notes are written in many scripts. */
export const intlMap: JourneyMap = {
  ...goldenMap,
  title: 'Путь клиента – 予約 – رحلة العميل',
  personas: [{ ...goldenMap.personas[0]!, name: 'Мария', role: '看護師', quote: 'أريد أن أتدرب ليلا' }],
  stages: [
    { ...goldenMap.stages[0]!, name: '予約', description: 'Бронирование' },
    { ...goldenMap.stages[1]!, name: 'الدفع', description: 'Оплата 💳' },
  ],
  notes: Object.entries(INTL_TEXTS).map(([id, text], i) => ({
    ...base,
    id,
    text,
    author: i === 0 ? 'Jürgen' : i === 1 ? 'Иван' : '',
    stageId: goldenMap.stages[i % 2]!.id,
    laneId: goldenMap.lanes[i % 3]!.id,
    createdAt: base.createdAt + i,
  })),
};

const FONTS = path.join(import.meta.dirname, '../../../resources/fonts');
/** The fonts the app embeds in PDFs, read from resources/fonts/. */
export const pdfFonts: PdfFontFiles = {
  regular: fs.readFileSync(path.join(FONTS, 'DejaVuSans.ttf')),
  bold: fs.readFileSync(path.join(FONTS, 'DejaVuSans-Bold.ttf')),
  cjk: async () => fs.readFileSync(path.join(FONTS, 'DroidSansFallback-CJK.ttf')),
};
