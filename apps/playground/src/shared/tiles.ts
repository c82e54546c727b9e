/** One image to paint: `width × height` RGBA pixels. */
export interface Tile {
  readonly rgba: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/**
 * Paints images side by side on `canvas`, `columns` to a row, each scaled up to fill its cell
 * without smoothing (so each weight or activation is one visible square), `gap` pixels apart.
 * @example drawTiles(canvas, maps.map((m) => ({ rgba: divergingRgba(m), width: 28, height: 28 })), 6);
 */
export function drawTiles(canvas: HTMLCanvasElement, tiles: readonly Tile[], columns: number, gap = 4): void {
  const context = canvas.getContext('2d')!;
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const rows = Math.ceil(tiles.length / columns);
  const cellW = (canvas.width - gap * (columns - 1)) / columns;
  const cellH = (canvas.height - gap * (rows - 1)) / rows;
  context.imageSmoothingEnabled = false;
  const scratch = document.createElement('canvas');
  tiles.forEach((tile, i) => {
    scratch.width = tile.width;
    scratch.height = tile.height;
    scratch.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(tile.rgba), tile.width, tile.height), 0, 0);
    context.drawImage(scratch, (i % columns) * (cellW + gap), Math.floor(i / columns) * (cellH + gap), cellW, cellH);
  });
}
