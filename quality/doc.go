// Package quality measures whether a photo of an identity document is good enough to be read: it
// finds the document and its four corners, then measures, each as a score compared with a threshold,
// whether it is cut off, blurred, covered by glare or shadow, too dark or too bright, too small in the
// frame, photographed at too steep an angle, or covered by a finger or an object (occluded). It uses
// OpenCV through gocv; it is one of the two packages of the module that use cgo.
//
// An Analyzer implements precheck.Analyzer. Options holds every threshold; its zero value is the
// Normal preset, which accepts a decent phone photo. Each check lives in the file named for its issue
// code (blur.go reports "blur").
//
// The checks measure the document, not the photo: the document is rectified to a canonical size
// (800 px wide) first, so that blur, glare, shadow and exposure scores do not depend on the photo's
// resolution or on the background. Large JPEGs are decoded at a reduced scale (1/2, 1/4, 1/8) by the
// decoder itself, keeping the long side at 1600 px or more.
//
// The document finder builds outlines from the regions of edge and threshold masks and from the long
// straight edges of the photo (lines.go), the frame's edge standing in for a side out of the frame,
// and takes the one with print inside (choose.go). Blur is measured from edge widths and, for a shake
// during the exposure, from the length of the motion (blur.go).
//
// The document finder assumes the document lies within about 45 degrees of upright; a document in
// portrait position is taken as turned a quarter-turn counter-clockwise, and one upside down is
// reported with its corners in screen order (the reader in package ocr turns it). A photo whose frame
// has an ID-1 or ID-3 aspect ratio and no visible outline is taken as a scan or tight crop of the
// document; it is cut off when its shape is more than 1.5% off the document's (a crop inside a page).
// A page on an even ground (a scanner's lid or bed, the booklet beside it) is the document wherever it
// lies in such a frame, however small (find.go, onEvenGround). In such a frame the page lies flat, and
// its outline is a rectangle: outlines whose corners lie off right angles by more than 3 degrees are
// weighed down (find.go, flatScore). Phone photos are not held to this: the camera's perspective and
// focal length are not known well enough to tell a tilted card's outline from a skewed one.
// A document whose side lies on the frame's edge shows no edge there; it is whole when that side is a
// short one and the part in the frame already has an ID-1 card's length (cutoff.go), and cut off
// otherwise.
//
// The occluded check (occluded.go) looks for skin-coloured or dark objects that cross the document's
// outline and reach past its margin into the print, or cover a corner; fingers on the margin, a
// printed portrait (inside the outline) and a coloured background (filling the band around the
// document) do not count. It is judged only on an outline it can trust: when a corner is out of the
// frame or the document is steeply tilted, it is measured but not failed.
//
// # Portrait
//
// With a face model (Options.ModelDir, $DOCPRECHECK_MODELS, or the checkout's models/ as package
// internal/modeldir finds it; .ci/face-model fetches MediaPipe's
// BlazeFace, Apache-2.0, pinned by SHA-256) the Analyzer also adds a "portrait" measure: the faces
// found on the rectified document (face.go), searched in one run of the detector over the document
// stacked above itself turned half a turn, so that a document upside down in the frame is searched too. Only faces at least 16 % of the document's height count, so that a small ghost
// image is not taken for the portrait. The measure never fails in this package, which does not know
// the document's kind; package precheck reports a missing portrait, after reading, on the kinds that
// carry one. Without a model the measure is absent and nothing about portraits is reported.
//
// # Line segments
//
// When the model directory also holds LineModelFile (.ci/line-model makes it from the npm package
// jp.keijiro.mlsd 1.0.0: M-LSD's tiny model, Apache-2.0, cut at its head, pinned by SHA-256), the
// finder adds the segments that model finds to the straight edges it builds outlines from
// (segments.go): on soft or cluttered photos a card's sides are found where their Canny edges break
// up or run into a page beside the card. Without it the finder uses its own edges.
//
// # Document segmenter
//
// The package embeds a small network of its own (docseg.go; tools/docseg trains it on photos of the
// synthetic corpus, never on the real photos it is measured on) that marks where the document lies in
// the photo seen whole at 128 x 128. The finder outlines its region as one more candidate when that
// outline lies wholly in the frame, beside its own outlines rather than in place of any: on a soft
// frame among cables, a ruler and printed pages, the card is found where no edge outlines it whole.
// The outline is then weighed for print like any other, its sides put on the photo's edges, and
// cutoff judged on them; where the document reaches the frame's edge the map's coarse cells (64 x 64)
// do not tell whether it goes on, and the finder's own outlines decide. It is used unless the models
// are turned off (ModelsOff); it needs no model directory.
//
// # Concurrency
//
// An Analyzer is safe for concurrent use. It keeps pools of face-detector, line-detector and
// segmenter networks (one per concurrent Analyze, at most GOMAXPROCS kept) that Analyzer.Close
// releases. A Photo is not safe for concurrent use: it owns a native image until Close.
//
// # Security Considerations
//
// Photos are hostile input. Before any pixel is decoded, package photo recognises the format from its
// content, reads the declared dimensions and refuses inputs over Options.Limits (bytes and pixels: a
// 30000x30000 header is refused without allocating), under 64 px, truncated (no end-of-image
// marker) or not JPEG, PNG or WebP. OpenCV then decodes at most the working size for JPEGs. Every
// OpenCV call is given a non-empty 8-bit image of the expected channels: a failed OpenCV assertion
// would abort the process rather than return an error. Every gocv Mat is closed; the tests run with
// the matprofile build tag and fail when one is left. The face and line models are read from the
// configured directory only, and only a file with the pinned SHA-256 is handed to OpenCV: a model
// OpenCV cannot parse would abort the process. The segmenter is compiled into the package, and a
// test loads it.
package quality
