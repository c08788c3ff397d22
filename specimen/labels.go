package specimen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/docprecheck/docprecheck/layout"
)

// KindNone is the label kind of a photo that shows no document.
const KindNone layout.Kind = "none"

// GeneratorName is written into the labels file.
const GeneratorName = "specimen/gencorpus"

// ErrLabels is returned, wrapped with details, when a labels file is not
// valid.
var ErrLabels = errors.New("specimen: invalid labels")

// Labels is the content of a corpus's labels.json. It is a plain value: safe
// to read concurrently, not to modify concurrently.
type Labels struct {
	Seed      int     `json:"seed"`
	Generator string  `json:"generator"`
	Images    []Label `json:"images"`
}

// Label is the ground truth of one photo.
type Label struct {
	File   string      `json:"file"`
	Width  int         `json:"width"`
	Height int         `json:"height"`
	Kind   layout.Kind `json:"kind"`
	// Defects are the issue codes a correct checker must report; empty for
	// clean and mild photos.
	Defects []string `json:"defects"`
	// Mild names imperfections present below their threshold: a checker
	// must not report them.
	Mild []string `json:"mild"`
	// Variant is "strong", "near" (just past the threshold), "mild" (just
	// short of it) or empty for a clean photo.
	Variant Variant `json:"variant,omitempty"`
	// Params are the physical values the photo was made with, and a few
	// measured on the written JPEG.
	Params     Params `json:"params"`
	Background string `json:"background"`
	// Corners are the document's virtual sharp corners in photo pixels,
	// top-left, top-right, bottom-right, bottom-left as the document reads;
	// they may lie outside the frame. Absent when there is no document.
	Corners [][2]float64 `json:"corners,omitempty"`
	// CutCorners names the corners outside the frame.
	CutCorners []string `json:"cut_corners"`
	// Fields are the normalised values a reader should find (see
	// Person.Fields).
	Fields map[string]string `json:"fields,omitempty"`
	// Printed is the exact text of each printed field, keyed by layout
	// field name (see Person.Printed).
	Printed map[string]string `json:"printed,omitempty"`
	// MRZ holds the machine-readable lines, if the document has them.
	MRZ []string `json:"mrz,omitempty"`
	// Print says how the document was printed: fonts, type scale, the
	// offsets of its print blocks and where each field is.
	Print *Print `json:"print,omitempty"`
}

// Params are the physical parameters of a photo. Lengths are in photo
// pixels, ratios relative to the document's size in the photo (doc_h is its
// short side, as the defect definitions use). Zero values are left out.
type Params struct {
	// TiltDeg is the 3-D rotation of the document plane about the in-plane
	// axis at TiltAxisDeg; RotationDeg the rotation within the plane.
	TiltDeg     float64 `json:"tilt_deg,omitempty"`
	TiltAxisDeg float64 `json:"tilt_axis_deg,omitempty"`
	RotationDeg float64 `json:"rotation_deg,omitempty"`
	// FocalPx is the focal length of the pinhole camera in pixels.
	FocalPx float64 `json:"focal_px,omitempty"`
	// DocLongPx and DocShortPx are the mean lengths of the document's long
	// and short edges in the photo; DocShortPx is doc_h.
	DocLongPx  float64 `json:"doc_long_px,omitempty"`
	DocShortPx float64 `json:"doc_short_px,omitempty"`
	// FrameFraction is DocLongPx / photo width.
	FrameFraction float64 `json:"frame_fraction,omitempty"`
	// MarginFraction is the smallest distance of a corner to the frame
	// edge, relative to the frame size along that axis; negative when a
	// corner is cut.
	MarginFraction float64 `json:"margin_fraction,omitempty"`
	// CutFraction is how far the furthest cut corner lies outside the
	// frame, relative to DocLongPx.
	CutFraction float64 `json:"cut_fraction,omitempty"`

	// BlurSigma is the total gaussian blur (camera and focus), in pixels;
	// BlurSigmaRatio is BlurSigma / doc_h.
	BlurSigma      float64 `json:"blur_sigma,omitempty"`
	BlurSigmaRatio float64 `json:"blur_sigma_ratio,omitempty"`
	// MotionLength is the length of the linear motion-blur kernel in
	// pixels, MotionRatio is MotionLength / doc_h and MotionAngleDeg its
	// direction.
	MotionLength   float64 `json:"motion_length,omitempty"`
	MotionRatio    float64 `json:"motion_ratio,omitempty"`
	MotionAngleDeg float64 `json:"motion_angle_deg,omitempty"`
	// NoiseSigma is the standard deviation of the sensor noise in levels.
	NoiseSigma float64 `json:"noise_sigma,omitempty"`
	// JPEGQuality is the quality the photo was encoded with.
	JPEGQuality int `json:"jpeg_quality,omitempty"`

	// Gain is the exposure applied to the scene.
	Gain float64 `json:"gain,omitempty"`
	// IlluminationVariation is the relative variation of the light across
	// the document (gradient and vignette).
	IlluminationVariation float64 `json:"illumination_variation,omitempty"`
	// GlarePatches is the number of specular reflections.
	GlarePatches int `json:"glare_patches,omitempty"`
	// ShadowDarkening is 1 - shaded/lit of a cast shadow, ShadowArea the
	// fraction of the document in it, ShadowEdge "hard" or "soft",
	// ShadowShape "straight", "curved" or "phone", and ShadowPenumbra the
	// width of its edge relative to the document's width.
	ShadowDarkening float64 `json:"shadow_darkening,omitempty"`
	ShadowArea      float64 `json:"shadow_area,omitempty"`
	ShadowEdge      string  `json:"shadow_edge,omitempty"`
	ShadowShape     string  `json:"shadow_shape,omitempty"`
	ShadowPenumbra  float64 `json:"shadow_penumbra,omitempty"`

	// PaperP90 is the 90th percentile luminance of the visible document,
	// measured on the JPEG.
	PaperP90 float64 `json:"paper_p90,omitempty"`
	// SaturatedFraction is the fraction of the visible document at 250 or
	// more in all three channels, measured on the JPEG.
	SaturatedFraction float64 `json:"saturated_fraction,omitempty"`
	// GlareFraction is SaturatedFraction on photos with glare patches.
	GlareFraction float64 `json:"glare_fraction,omitempty"`
	// ClippedFraction is SaturatedFraction on over-exposed photos.
	ClippedFraction float64 `json:"clipped_fraction,omitempty"`
	// PrintLightness is the 1st percentile luminance of the visible
	// document over 255, measured on the JPEG: how light its darkest print
	// is (see Washout).
	PrintLightness float64 `json:"print_lightness,omitempty"`
	// Flare is the share of the way to white by which an over-exposed
	// photo's veiling flare lifted every pixel.
	Flare float64 `json:"flare,omitempty"`

	// Distractors are the objects on the surface besides the document.
	Distractors []string `json:"distractors,omitempty"`
	// Clutter are the things lying under or beside the document (see the
	// Clutter names).
	Clutter []string `json:"clutter,omitempty"`
	// Greyscale reports a photo saved without colour.
	Greyscale bool `json:"greyscale,omitempty"`
	// SoftScale is the factor a soft photo was upscaled by from a smaller
	// capture (bicubic); its BlurSigma includes the softness, and it is
	// labelled with a mild blur.
	SoftScale float64 `json:"soft_scale,omitempty"`
	// EffectiveDocLongPx is DocLongPx / SoftScale on a soft photo: the
	// detail the photo really holds.
	EffectiveDocLongPx float64 `json:"effective_doc_long_px,omitempty"`
	// Booklet reports a passport data page shown in its open book.
	Booklet bool `json:"booklet,omitempty"`

	// Occluder is what lies over the document (see the Occluder names):
	// the thumb of a held document, or the finger, pen or coin of an
	// occluded photo.
	Occluder string `json:"occluder,omitempty"`
	// OccludedFraction is the fraction of the document's inner area (less
	// OccludedMarginMM on every side) that the occluder covers.
	OccludedFraction float64 `json:"occluded_fraction,omitempty"`
	// OccludedCorners names the corners whose OccludedCornerMM square the
	// occluder covers more than OccludedCornerFail; they are inside the
	// frame (CutCorners names the others).
	OccludedCorners []string `json:"occluded_corners,omitempty"`
}

// LoadLabels reads a labels file written by Generate.
func LoadLabels(path string) (*Labels, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var l Labels
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrLabels, path, err)
	}
	for i, im := range l.Images {
		if im.File == "" || im.Width <= 0 || im.Height <= 0 {
			return nil, fmt.Errorf("%w: %s: image %d incomplete", ErrLabels, path, i)
		}
		if im.Kind != KindNone && len(im.Corners) != 4 {
			return nil, fmt.Errorf("%w: %s: %s has %d corners", ErrLabels, path, im.File, len(im.Corners))
		}
	}
	return &l, nil
}

// Write writes the labels as indented JSON.
func (l *Labels) Write(path string) error {
	b, err := json.MarshalIndent(l, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// Find returns the label of the named file.
func (l *Labels) Find(file string) (Label, bool) {
	for _, im := range l.Images {
		if im.File == file {
			return im, true
		}
	}
	return Label{}, false
}
