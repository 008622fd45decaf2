/** Exports a client can open anywhere, as pure functions of a map (no I/O). */
export { mapToCsv } from './csv';
export { mapToMarkdown, mdText } from './markdown';
export { checkMap, journeyMapSchema, mapReferenceProblem, mapToJson, parseMapDocument, MAP_DOCUMENT_FORMAT, MAP_DOCUMENT_VERSION } from './json';
export { noteRows, orderedNotes, NOTE_COLUMNS, KIND_LABELS, type NoteRow } from './model';
export { mapToXlsx, type XlsxOptions } from './xlsx';
export { mapToPptx, type PptxOptions } from './pptx';
export { HTML_EXPORT_CSP, htmlText, mapToHtml, type HtmlOptions } from './html';
export { mapToPdf, winAnsiSafe, type PdfOptions } from './pdf';
