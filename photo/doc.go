// Package photo inspects an uploaded photo before anything decodes it: it recognises the format from
// the bytes (never from the file name), reads the dimensions from the header, reads the EXIF
// orientation, and enforces limits on bytes and pixels.
//
// Inspect is pure Go and cheap: it never decodes pixels. Callers decode only after it has accepted the
// input.
//
// # Security Considerations
//
// Treat every upload as hostile. A file of a few hundred bytes can declare 30000x30000 pixels (a
// decompression bomb); Inspect reads the declared size with image.DecodeConfig and refuses it before
// any pixel buffer is allocated. A truncated JPEG or PNG is refused rather than decoded into a
// half-grey picture that the quality checks would then measure. PDF, HTML and other files named .jpg
// are recognised by their content and refused with ErrUnsupportedFormat. Inspect does not follow
// links or offsets outside the input, and its EXIF reader is bounded by the segment length.
package photo
