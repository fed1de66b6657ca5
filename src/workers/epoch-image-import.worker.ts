/**
 * The epoch-image worker (a Vite module worker): {@link prepareEpochImage} with the browser's
 * canvas as the codec, through comlink. Create it with `createEpochImageImporter()`.
 */
import { expose } from 'comlink';
import { prepareEpochImage, type EpochImageFile } from './epoch-image-import-api';
import { createCanvasImageCodec } from './epoch-image-codec';

const codec = createCanvasImageCodec();
expose({ prepare: (input: EpochImageFile) => prepareEpochImage(input, codec) });
