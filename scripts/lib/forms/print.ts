/**
 * Prints HTML to PDF with Chromium, as publishers export their forms: A4, a text layer; or, for a
 * scanned form, a page holding only a picture of it. One browser serves many prints.
 */
import type { Browser, Page } from 'playwright-core';
import { launch } from '../chromium';

/** Options of one print. */
export interface PrintOptions {
  /** Page numbers (`- 3 -`) at the foot of every page, as budget books have. Default false. */
  pageNumbers?: boolean;
  /** Paper, A4 by default, and its orientation. */
  format?: 'A4' | 'A3';
  landscape?: boolean;
  /** Page margins (CSS lengths); default: the document's own `@page` rule, else Chromium's. */
  margin?: { top: string; bottom: string; left: string; right: string };
}

const FOOTER =
  '<div style="width:100%;text-align:center;font-size:9pt;font-family:\'Noto Serif CJK SC\'">- <span class="pageNumber"></span> -</div>';

/** A Chromium that prints HTML to PDF; reuse it for many prints, then `close()`. */
export class PdfPrinter {
  private constructor(
    private readonly browser: Browser,
    private readonly owned: boolean
  ) {}

  /** Starts Chromium. */
  static async start(): Promise<PdfPrinter> {
    return new PdfPrinter(await launch(), true);
  }

  /** Prints with a browser already running (a test's own); `close()` leaves it open. */
  static on(browser: Browser): PdfPrinter {
    return new PdfPrinter(browser, false);
  }

  private async withPage<T>(use: (page: Page) => Promise<T>, scale = 1): Promise<T> {
    const page = await this.browser.newPage({
      deviceScaleFactor: scale,
      viewport: { width: 794, height: 1123 }
    });
    try {
      return await use(page);
    } finally {
      await page.close();
    }
  }

  /** The HTML document printed on A4, as PDF bytes with a text layer. */
  async print(html: string, options: PrintOptions = {}): Promise<Uint8Array> {
    return this.withPage(async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      // Fonts load asynchronously: print only once the CJK faces are in, or glyphs fall back.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await page.pdf({
        format: options.format ?? 'A4',
        landscape: options.landscape ?? false,
        ...(options.margin ? { margin: options.margin } : {}),
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: options.pageNumbers === true,
        headerTemplate: '<span></span>',
        footerTemplate: FOOTER
      });
      return new Uint8Array(pdf);
    });
  }

  /** A picture of the HTML's first page (its first `.page` section) as a scanner makes it: PNG of A4 at 150 dpi. */
  async scan(html: string): Promise<Uint8Array> {
    // A4 is 794 × 1123 CSS px; a device scale of 1.5625 makes that 150 dpi. The screen has no
    // @page margins: the body gets them as padding.
    return this.withPage(async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      await page.addStyleTag({
        content: 'body { padding: 18mm 12mm; background: #fff; } .page ~ .page { display: none; }'
      });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return new Uint8Array(
        await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 794, height: 1123 } })
      );
    }, 1.5625);
  }

  /** A scanned form as PDF: one A4 page holding only the picture of the HTML's first page, no text. */
  async printScanned(html: string): Promise<Uint8Array> {
    const png = Buffer.from(await this.scan(html)).toString('base64');
    const page = `<!doctype html><html><head><style>@page { size: A4; margin: 0 } body { margin: 0 }
img { display: block; width: 210mm; height: 297mm }</style></head>
<body><img src="data:image/png;base64,${png}"></body></html>`;
    return this.print(page);
  }

  /** Closes the browser, if this printer started it. */
  async close(): Promise<void> {
    if (this.owned) await this.browser.close();
  }
}
