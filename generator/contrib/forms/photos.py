"""Photos from an issue, made ready to publish: turned upright, scaled to at most
MAX_SIDE pixels and saved again without their metadata.

A phone's photo is 3 to 8 MB, over the 2 MiB a picture may be here, and carries the
place it was taken (EXIF GPS) and the phone's serial number: saving it again from its
pixels alone fixes both. A picture of more than MAX_IMAGE_PIXELS is refused before it is
decoded (a small file can unpack into gigabytes).
"""

from __future__ import annotations

import io
import warnings
from pathlib import PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from generator.contrib.changes import SIZE_LIMITS
from generator.contrib.forms.attachments import Upload, UploadProblem
from generator.records.content import MAX_IMAGE_PIXELS

MAX_SIDE = 2000  # pixels: plenty for the site's pages
_SAVED = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}
_UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    Image.DecompressionBombError,
)


def prepared_photo(upload: Upload) -> Upload:
    """The photo upright, at most MAX_SIDE pixels a side, without metadata, in its own
    format (PNG, JPEG or WebP); UploadProblem for anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(upload.data)) as image:
                kind = image.format or ""
                if kind not in _SAVED:
                    what = f"a {kind} picture" if kind else "not a picture"
                    raise UploadProblem(
                        f"{upload.origin} is {what}: send photos as PNG, JPEG or WebP"
                    )
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise UploadProblem(
                        f"{upload.origin} has {image.width} x {image.height} pixels, too many "
                        "to open safely: scale it down to about 2000 pixels wide"
                    )
                data = _saved(ImageOps.exif_transpose(image), kind)
    except _UNREADABLE:
        raise UploadProblem(f"{upload.origin} cannot be read as a picture") from None
    suffix = _SAVED[kind]
    limit = SIZE_LIMITS[suffix]
    if len(data) > limit:
        raise UploadProblem(
            f"{upload.origin} is still over {limit // 2**20} MiB when scaled to {MAX_SIDE} "
            "pixels: save it as JPEG"
        )
    return Upload(PurePosixPath(upload.name).stem + suffix, data, upload.origin)


def _saved(image: Image.Image, kind: str) -> bytes:
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    options = {"quality": 85, "optimize": True} if kind in ("JPEG", "WEBP") else {"optimize": True}
    image.save(out, format=kind, **options)  # no exif= or pnginfo=: the metadata stays behind
    return out.getvalue()
