// Package layout holds the canonical geometry of the documents that docprecheck
// knows: where each printed field sits on the rectified document, in which
// language it is printed and which characters it may hold.
//
// The same tables serve two purposes: the specimen generator draws its
// invented documents at these positions, and the OCR reader crops the same
// boxes from a photo once the document has been found and rectified.
//
// Geometry follows the published layouts: ISO/IEC 7810 ID-1 cards
// (85.60 x 53.98 mm, corner radius 3.18 mm) for the Chinese resident identity
// card and for ICAO TD1 identity cards, and the ICAO Doc 9303 TD3 data page
// (125 x 88 mm) for passports. Machine-readable zones use the ICAO 9303
// printing positions (character pitch 2.54 mm; TD3 reference centre lines at
// 15.75 and 9.40 mm from the bottom edge; TD1 lines 4.23 mm apart).
//
// Boxes are normalised to the document (0..1 on both axes, origin at the
// top-left corner as the document reads) and are generous: each contains its
// printed text with a small margin. Real documents differ from one issue to
// the next and from one printer to the next by a few percent of the document
// size, and a rectification from a photo adds its own error, so readers should
// pad a box (see Box.Pad) before cropping.
//
// All values in this package are immutable data: layouts returned by For are
// copies and are safe to use concurrently.
package layout
