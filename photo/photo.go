package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // register DecodeConfig for JPEG
	_ "image/png"  // register DecodeConfig for PNG

	_ "golang.org/x/image/webp" // register DecodeConfig for WebP
)

// Errors returned by Inspect, always wrapped with detail; match them with errors.Is.
var (
	// ErrEmpty means the input has no bytes.
	ErrEmpty = errors.New("photo: empty input")
	// ErrUnsupportedFormat means the bytes are not a JPEG, PNG or WebP image (a PDF, HTML, ...).
	ErrUnsupportedFormat = errors.New("photo: unsupported format")
	// ErrCorrupt means the header or the data of a supported format is malformed or truncated.
	ErrCorrupt = errors.New("photo: corrupt or truncated image")
	// ErrTooLarge means the input exceeds Limits.MaxBytes or declares more than Limits.MaxPixels.
	ErrTooLarge = errors.New("photo: image too large")
	// ErrTooSmall means the image is smaller than Limits.MinSide on a side: nothing can be evaluated.
	ErrTooSmall = errors.New("photo: image too small")
)

// Format is an image format recognised from its content.
type Format string

// Formats that Inspect accepts.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	WebP Format = "webp"
)

// Default limits, used for zero fields of Limits.
const (
	DefaultMaxBytes  = 40 << 20
	DefaultMaxPixels = 50_000_000
	DefaultMinSide   = 64
)

// Limits bound what Inspect accepts. The zero value means the defaults.
type Limits struct {
	// MaxBytes is the largest input accepted (default 40 MiB).
	MaxBytes int64 `json:"max_bytes,omitempty"`
	// MaxPixels is the largest width*height accepted (default 50 million: a 50 MP phone photo).
	MaxPixels int `json:"max_pixels,omitempty"`
	// MinSide is the smallest width or height accepted (default 64).
	MinSide int `json:"min_side,omitempty"`
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultMaxPixels
	}
	if l.MinSide <= 0 {
		l.MinSide = DefaultMinSide
	}
	return l
}

// Header is what Inspect learnt about a photo without decoding it.
type Header struct {
	Format Format
	// Width and Height are the stored dimensions, before EXIF orientation.
	Width, Height int
	// Orientation is the EXIF orientation, 1 (upright) to 8; 1 when absent.
	Orientation int
}

// Upright returns the dimensions after the EXIF orientation has been applied.
func (h Header) Upright() (w, hgt int) {
	if h.Orientation >= 5 && h.Orientation <= 8 {
		return h.Height, h.Width
	}
	return h.Width, h.Height
}

// Inspect recognises the format of data, reads its dimensions and orientation, and checks them against
// lim. It never decodes pixels. Errors wrap one of the sentinel errors of this package.
func Inspect(data []byte, lim Limits) (Header, error) {
	lim = lim.withDefaults()
	if len(data) == 0 {
		return Header{}, ErrEmpty
	}
	if int64(len(data)) > lim.MaxBytes {
		return Header{}, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	f, err := Sniff(data)
	if err != nil {
		return Header{}, err
	}
	cfg, name, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Header{}, fmt.Errorf("%w: %s header: %v", ErrCorrupt, f, err)
	}
	if Format(name) != f {
		return Header{}, fmt.Errorf("%w: content says %s, decoder says %s", ErrCorrupt, f, name)
	}
	h := Header{Format: f, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	if h.Width <= 0 || h.Height <= 0 {
		return h, fmt.Errorf("%w: %dx%d", ErrCorrupt, h.Width, h.Height)
	}
	if int64(h.Width)*int64(h.Height) > int64(lim.MaxPixels) {
		return h, fmt.Errorf("%w: %dx%d declares %d pixels, limit %d", ErrTooLarge, h.Width, h.Height,
			int64(h.Width)*int64(h.Height), lim.MaxPixels)
	}
	if h.Width < lim.MinSide || h.Height < lim.MinSide {
		return h, fmt.Errorf("%w: %dx%d, each side must be at least %d", ErrTooSmall, h.Width, h.Height, lim.MinSide)
	}
	switch f {
	case JPEG:
		o, err := jpegStructure(data)
		if err != nil {
			return h, err
		}
		h.Orientation = o
	case PNG:
		if !bytes.Contains(data[len(data)-min(len(data), 64):], []byte("IEND")) {
			return h, fmt.Errorf("%w: png has no IEND chunk", ErrCorrupt)
		}
	}
	return h, nil
}

// Sniff recognises the format of data from its first bytes.
func Sniff(data []byte) (Format, error) {
	switch {
	case len(data) == 0:
		return "", ErrEmpty
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case len(data) >= 12 && bytes.Equal(data[:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")):
		return WebP, nil
	}
	return "", fmt.Errorf("%w: %s", ErrUnsupportedFormat, describe(data))
}

// describe names a few common non-image inputs so the error says what was uploaded.
func describe(data []byte) string {
	head := data[:min(len(data), 512)]
	trimmed := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	lower := bytes.ToLower(trimmed)
	switch {
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "a PDF document"
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")):
		return "an HTML document"
	case bytes.HasPrefix(head, []byte("GIF8")):
		return "a GIF image"
	case bytes.HasPrefix(head, []byte("II*\x00")) || bytes.HasPrefix(head, []byte("MM\x00*")):
		return "a TIFF image"
	case len(head) >= 12 && bytes.Equal(head[4:8], []byte("ftyp")):
		return "an HEIC/HEIF or MP4 file"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "a ZIP archive"
	}
	return "not a JPEG, PNG or WebP image"
}

// jpegStructure walks the JPEG markers up to the first scan, reads the EXIF orientation on the way,
// and checks that an end-of-image marker follows the scan data.
func jpegStructure(data []byte) (orientation int, err error) {
	orientation = 1
	i := 2
	for {
		if i+4 > len(data) {
			return orientation, fmt.Errorf("%w: jpeg ends inside its header", ErrCorrupt)
		}
		if data[i] != 0xFF {
			return orientation, fmt.Errorf("%w: jpeg marker expected at byte %d", ErrCorrupt, i)
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 {
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return orientation, fmt.Errorf("%w: jpeg segment at byte %d runs past the end", ErrCorrupt, i)
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			if o := exifOrientation(seg[6:]); o >= 1 && o <= 8 {
				orientation = o
			}
		}
		i += 2 + n
		if marker == 0xDA { // start of scan: entropy-coded data follows
			break
		}
	}
	// In entropy-coded data 0xFF is stuffed as FF00, so FFD9 can only be the end-of-image marker.
	if !bytes.Contains(data[i:], []byte{0xFF, 0xD9}) {
		return orientation, fmt.Errorf("%w: jpeg has no end-of-image marker (truncated upload?)", ErrCorrupt)
	}
	return orientation, nil
}

// exifOrientation reads tag 0x0112 from the first IFD of a TIFF-structured EXIF block; 0 if absent.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	off := int(bo.Uint32(tiff[4:]))
	if off < 8 || off+2 > len(tiff) {
		return 0
	}
	count := int(bo.Uint16(tiff[off:]))
	for k := 0; k < count && k < 512; k++ {
		e := off + 2 + 12*k
		if e+12 > len(tiff) {
			return 0
		}
		if bo.Uint16(tiff[e:]) == 0x0112 {
			return int(bo.Uint16(tiff[e+8:]))
		}
	}
	return 0
}
