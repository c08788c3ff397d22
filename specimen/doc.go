// Package specimen makes the synthetic photo corpus that docprecheck is
// tested against: specimen identity documents of invented people, placed in
// synthetic phone photos with controlled defects, and the ground truth of
// each photo.
//
// # Documents
//
// RenderDocument draws a document flat at a chosen resolution: the two
// sides of the Chinese resident identity card, an ICAO TD3 passport data
// page and an ID-1 identity card with a TD1 machine-readable zone, both of
// the ICAO specimen state Utopia ("UTO"). NewPerson invents the holder and
// every printed value; check characters are valid (package cnid for the
// Chinese number, package mrz for the MRZ). Portraits are faces drawn from
// the document's random stream (proportions, skin from light to dark, hair,
// eyes, clothes), made so that a face detector finds them, and emblems are
// plain roundels: the specimens imitate no real person and no real state's
// design.
//
// The generator keeps its own description of where each field and caption
// is printed, in millimetres from the published designs (the Chinese card's
// specimen, ICAO 9303 parts 4 and 5); it takes no position from package
// layout, whose boxes the reader crops, so that the corpus can catch a box
// that misses real print. Each document is printed as a real batch might
// be: every print block (security print and captions, personal data, the
// Chinese number, the portrait) is moved by up to MaxPrintOffsetMM in x and
// y, the MRZ by up to MRZToleranceMM about its ICAO position; type sizes
// are scaled by 0.85-1.15; and the fonts are drawn from several families
// (Noto Sans and Serif CJK, WenQuanYi Zen Hei, AR PL UMing and UKai;
// DejaVu Sans and Serif, Liberation Sans and Serif; the Chinese number in
// OCR-B or a sans). The MRZ is always OCR-B at the ICAO pitch. The label's
// Print records the fonts, the scale, the offsets and where each field
// ended up.
//
// # Photos
//
// RenderPhoto places a document on a plane in front of a pinhole camera
// (focal length 0.85 x the larger photo side, principal point at the
// centre): rotated in its plane, tilted about an in-plane axis, lying on a
// procedural surface (wood, cloth, tablecloth, tiles, white paper, dark desk)
// or held in a hand before an out-of-focus room, whose thumb rests on the
// document's margin clear of every printed element and of the corners. Surfaces may carry clutter
// (a printed page under or beside the document, a keyboard, cables, a
// receipt or letter, sticky notes). Some photos are saved in greyscale and
// some are soft: captured smaller and upscaled (bicubic), labelled with a
// mild blur (and a mild low_resolution when the detail left is below a
// clean photo's), never with a defect. Every photo gets a drop
// shadow, an illumination gradient and vignette, white balance, exposure,
// camera blur, sensor noise and JPEG compression. Defects (blur, glare,
// shadow, too_dark, too_bright, low_resolution, tilted, cutoff, no_document,
// occluded) are made by their physical parameters and recorded in the Label,
// with values measured on the written JPEG where the definition is
// photometric. An occluded photo shows fingers (skin tones light to dark, a
// nail, shading, soft edges) entering across a side or over a corner, the
// thumb of the holding hand over the print, a dark pen across the document
// (across the MRZ where there is one) or a coin on it; its mild photos show
// them on the margin only.
//
// Plan lists the photos of a corpus and Generate renders them in parallel;
// the output depends only on the seed, never on the number of workers. The
// command specimen/gencorpus wraps Generate.
//
// # Concurrency
//
// A Renderer is safe for concurrent use: it holds only parsed fonts, and
// each rendering makes its own font faces and buffers. Labels and Photo
// values are plain values. The package has no mutable package-level state.
package specimen
