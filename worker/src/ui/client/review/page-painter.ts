// One page of the reviewed PDF at a time, drawn by pdf.js (loaded on the
// review page only, from /vendor) into one canvas at the board's width. A
// turn asked for while a page is being drawn waits, then draws the latest
// page asked: pdf.js refuses two renders into one canvas, and a fast reader
// only wants the page they stopped on.
type PdfDocument = { numPages: number; getPage(n: number): Promise<PdfPage> };
type PdfPage = {
  getViewport(o: { scale: number }): { width: number; height: number };
  render(o: { canvasContext: CanvasRenderingContext2D; viewport: unknown; transform?: number[] }): { promise: Promise<void> };
};

export class PagePainter {
  private pdf: Promise<PdfDocument> | null = null;
  private drawing: Promise<void> = Promise.resolve();
  private wanted = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  paint(page: number): Promise<void> {
    this.wanted = page;
    this.drawing = this.drawing.catch(() => {}).then(() => (this.wanted === page ? this.draw(page) : undefined));
    return this.drawing;
  }

  private async draw(n: number): Promise<void> {
    const pdf = await (this.pdf ??= this.open());
    const page = await pdf.getPage(n);
    const base = page.getViewport({ scale: 1 });
    const width = Math.min(this.canvas.parentElement?.clientWidth || 800, 900);
    const viewport = page.getViewport({ scale: width / base.width });
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.floor(viewport.width * ratio);
    this.canvas.height = Math.floor(viewport.height * ratio);
    // The stage keeps the page's proportions as the window narrows; marks sit in percentages of it.
    this.canvas.parentElement!.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
    await page.render({ canvasContext: this.canvas.getContext('2d')!, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
    this.canvas.dataset['page'] = String(n);
  }

  private async open(): Promise<PdfDocument> {
    const pdfjs = await import(/* @vite-ignore */ '/vendor/pdfjs/pdf.min.mjs' as string);
    pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdfjs/pdf.worker.min.mjs';
    return pdfjs.getDocument({ url: this.url, httpHeaders: this.headers, isEvalSupported: false, withCredentials: true }).promise;
  }
}
