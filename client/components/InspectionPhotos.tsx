/** A photo as the server lists it: its id, where to fetch it, and its file name (the alt text). */
export interface PhotoRef {
  id: string;
  url: string;
  filename: string;
}

/**
 * An inspection's photos in one line (each with its file name as alt text), nothing when there are none — the same
 * on the console's 监督 panel and the public page. `lazy`: fetched as they scroll into view (the public page);
 * `imgClass`: the screen's own class for each image.
 */
export function InspectionPhotos({ photos, lazy, imgClass }: { photos: readonly PhotoRef[]; lazy?: boolean; imgClass?: string }) {
  if (photos.length === 0) return null;
  return (
    <p class="photos">
      {photos.map((ph) => (
        <img key={ph.id} src={ph.url} alt={ph.filename} class={imgClass} loading={lazy ? 'lazy' : undefined} />
      ))}
    </p>
  );
}
