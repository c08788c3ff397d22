package quality

import (
	"fmt"

	"github.com/docprecheck/docprecheck/photo"
)

// Options holds every threshold of the photo checks. The zero value means the Normal preset: each zero
// field takes the preset's value, so a team can keep only the thresholds it changes in a JSON file.
type Options struct {
	// Preset names the base thresholds: "strict", "normal" (default) or "relaxed".
	Preset string `json:"preset,omitempty"`

	// MinDocumentScore is the confidence (0-1) below which no document is reported.
	MinDocumentScore float64 `json:"min_document_score,omitempty"`
	// MinCornerMargin is the smallest distance from a document corner to the photo's border, as a
	// fraction of the photo's shorter side; a corner closer than this, or outside, is cut off.
	MinCornerMargin float64 `json:"min_corner_margin,omitempty"`
	// MaxBlur is the largest blur accepted: the estimated blur radius (standard deviation) of the
	// document's edges as a fraction of the document's height.
	MaxBlur float64 `json:"max_blur,omitempty"`
	// MaxGlare is the largest fraction of the document's area covered by saturated patches.
	MaxGlare float64 `json:"max_glare,omitempty"`
	// MaxShadow is the largest illumination drop across the document's paper (0 even, 1 black).
	MaxShadow float64 `json:"max_shadow,omitempty"`
	// MinBrightness is the lowest brightness (0-255) of the document's paper, its 90th percentile.
	MinBrightness float64 `json:"min_brightness,omitempty"`
	// MaxWashout is the largest washout accepted (over-exposure): the lightness (0 black, 1 white) of
	// the document's darkest print, its 1st percentile, once its paper is clipped to white (counted in
	// proportion while less than a tenth of the document is clipped). White paper is not
	// over-exposure; print lifted towards white is.
	MaxWashout float64 `json:"max_washout,omitempty"`
	// MinDocumentPixels is the smallest length, in photo pixels, of the document's longer side.
	MinDocumentPixels float64 `json:"min_document_pixels,omitempty"`
	// MinDocumentShare is the smallest length of the document's longer side as a fraction of the
	// photo's longer side: a document smaller in the frame was photographed from too far, however
	// many pixels a large photo gives it (at 0.25 it covers about a twentieth of a 4:3 frame). Both
	// this and MinDocumentPixels must be met. Negative: not checked (the Relaxed preset's choice).
	MinDocumentShare float64 `json:"min_document_share,omitempty"`
	// MaxTiltDegrees is the steepest angle between the document's plane and the image plane.
	MaxTiltDegrees float64 `json:"max_tilt_degrees,omitempty"`

	// MaxOccluded is the largest fraction of the document's print area (inside its margin band) that a
	// finger, a hand or an object reaching in over the document's edge may cover.
	MaxOccluded float64 `json:"max_occluded,omitempty"`
	// MaxCornerCover is the largest fraction of a corner's square (a tenth of the document's height
	// on a side) that such an object may cover; above it the corner is named as occluded.
	MaxCornerCover float64 `json:"max_corner_cover,omitempty"`
	// MinFaceScore is the face detector's confidence (0-1) from which a face counts as the document's
	// portrait (the portrait measure).
	MinFaceScore float64 `json:"min_face_score,omitempty"`
	// ModelDir is the directory holding the face model (FaceModelFile, fetched by .ci/face-model) and
	// the line-segment detector the finder uses beside its own edges (LineModelFile, .ci/line-model).
	// Empty means the directory named by $DOCPRECHECK_MODELS; when that is unset too, the checkout's
	// models/ (./models, or models/ beside go.mod above the working directory) when it holds them, and
	// none otherwise. "off" (ModelsOff) turns the models off, the embedded document segmenter with
	// them: no portrait measure, the finder's own edges and regions only. A directory named but
	// without the expected face model is an error from New.
	ModelDir string `json:"model_dir,omitempty"`

	// Limits bound the input accepted before decoding.
	Limits photo.Limits `json:"limits,omitzero"`
}

// Presets are the named threshold sets. Normal accepts a decent phone photo; Strict suits a KYC
// provider that rejects marginal photos; Relaxed only stops photos that cannot be read.
var presets = map[string]Options{
	"strict": {
		MinDocumentScore: 0.5, MinCornerMargin: 0.01, MaxBlur: 0.0019, MaxGlare: 0.015, MaxShadow: 0.25,
		MinBrightness: 100, MaxWashout: 0.42, MinDocumentPixels: 900, MinDocumentShare: 0.28, MaxTiltDegrees: 25,
		MaxOccluded: 0.005, MaxCornerCover: 0.35, MinFaceScore: 0.6,
	},
	"normal": {
		MinDocumentScore: 0.45, MinCornerMargin: 0.004, MaxBlur: 0.0024, MaxGlare: 0.025, MaxShadow: 0.30,
		MinBrightness: 85, MaxWashout: 0.5, MinDocumentPixels: 640, MinDocumentShare: 0.25, MaxTiltDegrees: 33,
		MaxOccluded: 0.01, MaxCornerCover: 0.5, MinFaceScore: 0.5,
	},
	"relaxed": {
		MinDocumentScore: 0.4, MinCornerMargin: 0.0, MaxBlur: 0.003, MaxGlare: 0.06, MaxShadow: 0.4,
		MinBrightness: 60, MaxWashout: 0.6, MinDocumentPixels: 480, MinDocumentShare: -1, MaxTiltDegrees: 42,
		MaxOccluded: 0.025, MaxCornerCover: 0.7, MinFaceScore: 0.4,
	},
}

// Preset returns the thresholds of a named preset.
func Preset(name string) (Options, error) {
	if name == "" {
		name = "normal"
	}
	p, ok := presets[name]
	if !ok {
		return Options{}, fmt.Errorf("quality: unknown preset %q (strict, normal, relaxed)", name)
	}
	p.Preset = name
	return p, nil
}

// resolve fills zero fields from the preset.
func (o Options) resolve() (Options, error) {
	p, err := Preset(o.Preset)
	if err != nil {
		return Options{}, err
	}
	fill := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	fill(&o.MinDocumentScore, p.MinDocumentScore)
	fill(&o.MinCornerMargin, p.MinCornerMargin)
	fill(&o.MaxBlur, p.MaxBlur)
	fill(&o.MaxGlare, p.MaxGlare)
	fill(&o.MaxShadow, p.MaxShadow)
	fill(&o.MinBrightness, p.MinBrightness)
	fill(&o.MaxWashout, p.MaxWashout)
	fill(&o.MinDocumentPixels, p.MinDocumentPixels)
	fill(&o.MinDocumentShare, p.MinDocumentShare)
	fill(&o.MaxTiltDegrees, p.MaxTiltDegrees)
	fill(&o.MaxOccluded, p.MaxOccluded)
	fill(&o.MaxCornerCover, p.MaxCornerCover)
	fill(&o.MinFaceScore, p.MinFaceScore)
	o.Preset = p.Preset
	return o, nil
}
