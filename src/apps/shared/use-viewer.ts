import { useEffect, useState } from 'preact/hooks';
import { getViewer, onViewer, type Viewer } from '../../scripts/social/viewer.ts';

/** Who is signed in, as the header's user menu announces it: undefined until it has said. */
export function useViewer(): Viewer | null | undefined {
  const [viewer, setViewer] = useState<Viewer | null | undefined>(getViewer);
  useEffect(() => onViewer(setViewer), []);
  return viewer;
}
