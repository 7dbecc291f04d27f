import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function fontPath(file: string): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

/**
 * The DejaVu Sans faces the DPA is set in, by file path (pdfkit caches a loaded font under its source, so the
 * path doubles as the font's name). DejaVu covers Latin, Greek and Cyrillic, so party names such as
 * "Łódź Logistics Sp. z o.o." or "Ελληνικά Δεδομένα Α.Ε." print and extract as typed.
 */
export const DPA_FONTS = {
  regular: fontPath("DejaVuSans.ttf"),
  bold: fontPath("DejaVuSans-Bold.ttf"),
  oblique: fontPath("DejaVuSans-Oblique.ttf"),
} as const;

export type DpaFont = keyof typeof DPA_FONTS;
