// Package specimen makes the synthetic photo corpus that docprecheck is
// tested against: specimen identity documents of invented people, placed in
// synthetic phone photos with controlled defects, and the ground truth of
// each photo.
//
// # Documents
//
// RenderDocument draws a document flat at a chosen resolution, at the field
// positions of package layout: the two sides of the Chinese resident
// identity card, an ICAO TD3 passport data page and an ID-1 identity card
// with a TD1 machine-readable zone, both of the ICAO specimen state Utopia
// ("UTO"). NewPerson invents the holder and every printed value; check
// characters are valid (package cnid for the Chinese number, package mrz
// for the MRZ). Portraits are grey silhouettes and emblems plain roundels:
// the specimens imitate no real person and no real state's design.
//
// # Photos
//
// RenderPhoto places a document on a plane in front of a pinhole camera
// (focal length 0.85 x the larger photo side, principal point at the
// centre): rotated in its plane, tilted about an in-plane axis, lying on a
// procedural surface (wood, cloth, tablecloth, tiles, white paper, dark desk)
// or held in a hand before an out-of-focus room. Every photo gets a drop
// shadow, an illumination gradient and vignette, white balance, exposure,
// camera blur, sensor noise and JPEG compression. Defects (blur, glare,
// shadow, too_dark, too_bright, low_resolution, tilted, cutoff, no_document)
// are made by their physical parameters and recorded in the Label, with
// values measured on the written JPEG where the definition is photometric.
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
