package ocr

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/mrz"
	"github.com/docprecheck/docprecheck/ocr/ppocr"
	"github.com/docprecheck/docprecheck/precheck"
)

// Reader reads the fields of identity documents with Tesseract. A Reader is safe for concurrent
// use: it keeps bounded pools of Tesseract engines, one pool per language, and lends each engine to
// one goroutine at a time.
type Reader struct {
	opts  Options
	pools map[string]*pool
	rec   *ppocr.Recognizer // nil: Tesseract alone (see Options.ModelsDir)

	closeOnce sync.Once
	closed    atomic.Bool

	glyphOnce sync.Once
	glyphSet  *glyphSet // nil when the OCR-B font could not be read

	// now is the clock of the time budget (time.Now; tests set a fake one before the first Read).
	now func() time.Time
}

// glyphs returns the OCR-B glyphs of the MRZ alphabet, rendered on first use; nil when the font
// file cannot be read (the MRZ is then read by Tesseract alone).
func (r *Reader) glyphs() *glyphSet {
	r.glyphOnce.Do(func() {
		if gs, err := loadGlyphs(r.opts.OCRBFont); err == nil {
			r.glyphSet = gs
		}
	})
	return r.glyphSet
}

// New returns a Reader. Tesseract engines are created when first needed, so an error from a missing
// traineddata file is reported by the first Read that needs it; the PP-OCRv4 models (see
// Options.ModelsDir) are loaded and checked here.
func New(opts Options) (*Reader, error) {
	o, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	dpi := int(math.Round(o.PixelsPerMM * 25.4))
	r := &Reader{opts: o, pools: map[string]*pool{}, now: time.Now}
	for _, lang := range []string{langEng, langChi} {
		r.pools[lang] = newPool(lang, o.TessdataPrefix, o.PoolSize, dpi)
	}
	if r.rec, err = loadModels(o); err != nil {
		return nil, err
	}
	return r, nil
}

// Options returns the resolved options in use.
func (r *Reader) Options() Options { return r.opts }

// Close waits for the reads in progress to finish and frees every engine. Read returns ErrClosed
// afterwards. Close is safe to call more than once.
func (r *Reader) Close() error {
	r.closeOnce.Do(func() {
		r.closed.Store(true)
		for _, p := range r.pools {
			p.close()
		}
		if r.rec != nil {
			r.rec.Close()
		}
	})
	return nil
}

// source is what Read needs from a photo; *quality.Photo provides it.
type source interface {
	precheck.Photo
	// Mat returns the BGR working image, owned by the photo.
	Mat() gocv.Mat
	// Scale returns the photo pixels per working pixel.
	Scale() float64
	// CornersF returns the document's corners in working pixels, top-left first as the photo
	// shows the document (which may be upside down).
	CornersF() [4][2]float64
	// Aspect returns the document's estimated long-over-short aspect ratio.
	Aspect() float64
}

// Read reads the document in p, which must come from package quality. When kind is
// precheck.KindUnknown, or a kind with an MRZ, the MRZ is looked for anywhere in the photo (see the
// package documentation) and, when found, gives the kind and the fields; otherwise the kind is
// recognised on the document's outline from its aspect ratio and a few small regions (an
// 18-character number, the title and emblem of a Chinese identity card's back). A document
// photographed upside down is read the right way up.
//
// Read returns an error only when p is not supported, the Reader is closed, an engine cannot be
// created, or ctx ends. A document that cannot be read is a Reading that names the needed fields
// in Unreadable (and in OutOfTime those the time budget left unread); a document of no known kind
// gives a Reading of KindUnknown with nothing unreadable.
//
// ctx is checked before each field is read and while waiting for a free engine; a field already
// inside Tesseract is read to the end (a few hundred milliseconds at most) before Read returns.
func (r *Reader) Read(ctx context.Context, p precheck.Photo, kind precheck.DocumentKind) (precheck.Reading, error) {
	start := time.Now()
	if r.closed.Load() {
		return precheck.Reading{}, ErrClosed
	}
	src, ok := p.(source)
	if !ok {
		return precheck.Reading{}, fmt.Errorf("%w: %T", ErrPhoto, p)
	}
	if err := ctx.Err(); err != nil {
		return precheck.Reading{}, err
	}
	k := layout.Kind("")
	if kind != precheck.KindUnknown && kind != "" {
		if _, ok := layout.For(layout.Kind(kind)); !ok {
			return precheck.Reading{}, fmt.Errorf("ocr: unknown document kind %q", kind)
		}
		k = layout.Kind(kind)
	}
	work := src.Mat()
	if work.Empty() || work.Channels() != 3 || work.Type() != gocv.MatTypeCV8UC3 {
		return precheck.Reading{}, fmt.Errorf("%w: the photo holds no 8-bit BGR image (closed?)", ErrPhoto)
	}
	s := &session{r: r, ctx: ctx, work: work, scale: src.Scale(), cache: map[cacheKey]fieldRead{},
		deadline: r.now().Add(time.Duration(r.opts.BudgetMS) * time.Millisecond)}
	hasCorners := p.Quality().Corners != nil
	if hasCorners {
		s.corners = src.CornersF()
	}
	rd, err := s.readAny(k, hasCorners, src.Aspect())
	if err != nil {
		return precheck.Reading{}, err
	}
	if s.outOfTime && len(rd.Unreadable) > 0 {
		rd.OutOfTime = append([]string(nil), rd.Unreadable...)
	}
	rd.OCRMS = elapsedMS(start)
	return rd, nil
}

// readAny reads the document: from a machine-readable zone found anywhere in the photo when the
// kind may carry one, else (or when that zone does not read) from the layout of its kind on the
// document's outline.
func (s *session) readAny(k layout.Kind, hasCorners bool, aspect float64) (precheck.Reading, error) {
	var found *foundMRZ
	if k == "" || k == layout.Passport || k == layout.IDCard {
		f, err := s.locateMRZ()
		if err != nil {
			return precheck.Reading{}, err
		}
		found = f
	}
	if found != nil && found.doc.Valid {
		return s.readFound(found, k, hasCorners)
	}
	// The search above is the authority on MRZs: when it found none in a document of no given
	// kind, the layouts of documents with an MRZ are not tried (a page of unknown kind is not a
	// passport whose MRZ failed).
	s.noMRZ = k == "" && found == nil
	if hasCorners && !s.overBudget() {
		rd, err := s.read(k, aspect)
		if err != nil {
			return precheck.Reading{}, err
		}
		if found == nil || rd.MRZ != nil && rd.MRZ.Valid {
			return rd, nil
		}
	}
	if found != nil {
		return s.readFound(found, k, false)
	}
	// Nothing found: of unknown kind, and the fields of a given kind unreadable.
	return precheck.Reading{Kind: precheck.KindUnknown, Unreadable: append([]string(nil), needed[k]...)}, nil
}

// readFound makes the Reading of a document whose MRZ was found. The visual zone is read only
// where the document's layout is known: when the caller named the kind, the outline was found and
// the kind's layout puts the MRZ where it was found. Otherwise every field comes from the MRZ: the
// passports and cards of most countries have layouts of their own.
func (s *session) readFound(f *foundMRZ, k layout.Kind, hasCorners bool) (precheck.Reading, error) {
	given := k != ""
	if !given {
		k = mrzKind(f.doc)
	}
	if given && hasCorners && f.doc.Valid {
		for _, flipped := range []bool{false, true} {
			d := s.doc(k, flipped)
			if !s.layoutAgrees(d, f) {
				continue
			}
			s.preset = f
			rd, err := s.readMRZDocument(d)
			if err != nil {
				return precheck.Reading{}, err
			}
			rd.Kind = precheck.DocumentKind(k)
			return rd, nil
		}
	}
	md := f.doc
	rd := precheck.Reading{Kind: precheck.DocumentKind(k), Extra: map[string]string{}, Boxes: map[string]precheck.Quad{"mrz": s.photoQuad(f.quad)}}
	rd.MRZ = &precheck.MRZ{Format: string(md.Format), Lines: md.Lines, Valid: md.Valid}
	if len(md.Malformed) > 0 {
		rd.MRZ = nil
		rd.Extra["mrz_read"] = strings.Join(md.Lines, "\n")
		rd.Unreadable = []string{"mrz"}
		return rd, nil
	}
	fl := precheck.Fields{Name: joinName(md.Surname, md.GivenNames), IDNumber: md.DocumentNumber}
	if t, err := md.Birth(time.Now()); err == nil {
		fl.BirthDate = date(t)
	}
	if t, err := md.Expiry(); err == nil {
		fl.Expiry = date(t)
	}
	rd.MRZFields = &fl
	if md.Valid {
		rd.Printed = fl
	}
	for key, v := range map[string]string{"sex": md.Sex, "nationality": md.Nationality, "issuing_state": md.IssuingState, "mrz_name": fl.Name} {
		if v != "" && v != "<" {
			rd.Extra[key] = v
		}
	}
	return rd, nil
}

// layoutAgrees reports whether the layout of d puts its MRZ where f was found: the centre of the
// zone found lies inside the layout's MRZ box (grown by its padding) on the document's outline.
func (s *session) layoutAgrees(d doc, f *foundMRZ) bool {
	fl, ok := d.l.Field("mrz")
	if !ok {
		return false
	}
	r := fieldRect(d.l, fl, s.r.opts.PadMM)
	var cx, cy float64
	for _, c := range f.quad {
		cx += c[0] / 4
		cy += c[1] / 4
	}
	// The box's corners in working pixels; the centre must be inside the quadrilateral.
	var q [4][2]float64
	for i, c := range [4][2]float64{{r.x0, r.y0}, {r.x1, r.y0}, {r.x1, r.y1}, {r.x0, r.y1}} {
		x, y := d.g.unit.Apply(c[0]/d.l.WidthMM, c[1]/d.l.HeightMM)
		q[i] = [2]float64{x, y}
	}
	return inside(q, cx, cy)
}

// inside reports whether (x, y) lies inside the convex quadrilateral q.
func inside(q [4][2]float64, x, y float64) bool {
	sign := 0.0
	for i := range q {
		a, b := q[i], q[(i+1)%4]
		c := (b[0]-a[0])*(y-a[1]) - (b[1]-a[1])*(x-a[0])
		if c == 0 {
			continue
		}
		if sign == 0 {
			sign = c
		} else if sign*c < 0 {
			return false
		}
	}
	return true
}

// engine borrows an engine of p; the time spent creating one is added to the budget.
func (s *session) engine(p *pool) (*engine, error) {
	e, created, err := p.getTimed(s.ctx)
	s.deadline = s.deadline.Add(created)
	return e, err
}

// overBudget reports whether the reading's time budget is spent, and records it.
func (s *session) overBudget() bool {
	if s.outOfTime || s.r.now().After(s.deadline) {
		s.outOfTime = true
	}
	return s.outOfTime
}

func elapsedMS(since time.Time) float64 {
	return math.Round(float64(time.Since(since).Microseconds())/10) / 100
}

// session is the state of one Read. It is used by one goroutine.
type session struct {
	r       *Reader
	ctx     context.Context
	work    gocv.Mat
	corners [4][2]float64
	scale   float64
	cache   map[cacheKey]fieldRead
	// deadline ends the time budget; outOfTime is set once a step was skipped for it.
	deadline  time.Time
	outOfTime bool
	// preset is an MRZ found anywhere in the photo, used instead of the layout's MRZ field.
	preset *foundMRZ
	// noMRZ is set when no MRZ was found anywhere: kinds with an MRZ are not recognised.
	noMRZ bool
}

// doc is a document of a given kind in a given orientation.
type doc struct {
	kind    layout.Kind
	l       layout.Layout
	g       docGeom
	flipped bool
}

type cacheKey struct {
	kind    layout.Kind
	flipped bool
	field   string
	prep    int
}

// fieldRead is what was read from one field.
type fieldRead struct {
	rect  rectMM
	lines []line
	// mrz and mrzPlain are the lines of a machine-readable zone, rebuilt on the character pitch
	// and as Tesseract read them (see rebuildMRZ).
	mrz, mrzPlain []string
}

// text returns the lines joined by newlines.
func (f fieldRead) text() string {
	var b strings.Builder
	for i, l := range f.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// conf returns the mean confidence of the lines (0-100), 0 when nothing was read.
func (f fieldRead) conf() float64 {
	if len(f.lines) == 0 {
		return 0
	}
	var s float64
	for _, l := range f.lines {
		s += l.conf
	}
	return s / float64(len(f.lines))
}

func (s *session) doc(k layout.Kind, flipped bool) doc {
	l, _ := layout.For(k)
	c := s.corners
	if flipped {
		c = rotated(c)
	}
	return doc{kind: k, l: l, g: newDocGeom(l, c, s.scale), flipped: flipped}
}

// field reads one field of d the first way of its spec.
func (s *session) field(d doc, name string) (fieldRead, error) {
	fr, _, err := s.fieldWay(d, name, 0)
	return fr, err
}

// firstAccepted reads a field each way of its spec in turn until accept takes the reading, and
// returns that reading, or the first one when none is accepted.
func (s *session) firstAccepted(d doc, name string, accept func(fieldRead) bool) (fieldRead, error) {
	var first fieldRead
	for i := 0; ; i++ {
		fr, ok, err := s.fieldWay(d, name, i)
		if err != nil || !ok {
			return first, err
		}
		if accept(fr) {
			return fr, nil
		}
		if i == 0 {
			first = fr
		}
	}
}

// fieldWay reads one field of d the i-th way of its spec, once per session; ok is false when the
// spec has fewer ways.
func (s *session) fieldWay(d doc, name string, i int) (fr fieldRead, ok bool, err error) {
	spec := specs[d.kind][name]
	if i >= len(spec.preps) {
		return fieldRead{}, false, nil
	}
	key := cacheKey{d.kind, d.flipped, name, i}
	if fr, ok := s.cache[key]; ok {
		return fr, true, nil
	}
	if s.overBudget() {
		return fieldRead{}, false, nil
	}
	if err := s.ctx.Err(); err != nil {
		return fieldRead{}, false, err
	}
	f, ok := d.l.Field(name)
	if !ok {
		return fieldRead{}, false, fmt.Errorf("ocr: layout %s has no field %q", d.kind, name)
	}
	pr := spec.preps[i]
	rect, err := s.fieldRegion(d, f)
	if err != nil {
		return fieldRead{}, false, err
	}
	ppm := s.r.opts.PixelsPerMM * pr.scale
	crop, err := d.g.cut(s.work, rect, ppm, false)
	if err != nil {
		return fieldRead{}, false, err
	}
	if pr.binarise {
		crop = otsu(crop)
	}
	if pr.trim {
		crop = trim(crop, int(math.Round(ppm)), 2)
	}
	p := s.r.pools[spec.lang]
	e, err := s.engine(p)
	if err != nil {
		return fieldRead{}, false, err
	}
	fr = fieldRead{rect: rect}
	if spec.mrz {
		err = readMRZ(e, crop, pr.psm, spec.whitelist, layout.MRZPitchMM*ppm, &fr)
	} else {
		fr.lines, err = e.read(crop.pgm(), pr.psm, spec.whitelist)
	}
	p.put(e)
	if err != nil {
		return fieldRead{}, false, err
	}
	s.cache[key] = fr
	return fr, true, nil
}

// read recognises the kind when k is empty, finds the orientation, and reads the fields.
func (s *session) read(k layout.Kind, aspect float64) (precheck.Reading, error) {
	var d doc
	var found bool
	var err error
	if k != "" {
		d, found, err = s.orient(k, true)
	} else {
		d, found, err = s.recognise(aspect)
	}
	if err != nil {
		return precheck.Reading{}, err
	}
	if !found && k == "" && d.kind == "" {
		return precheck.Reading{Kind: precheck.KindUnknown, Unreadable: append([]string(nil), needed[""]...)}, nil
	}
	var rd precheck.Reading
	switch d.kind {
	case layout.CNIDFront:
		rd, err = s.readCNFront(d)
	case layout.CNIDBack:
		rd, err = s.readCNBack(d)
	default:
		rd, err = s.readMRZDocument(d)
	}
	if err != nil {
		return precheck.Reading{}, err
	}
	rd.Kind = precheck.DocumentKind(d.kind)
	return rd, nil
}

// orient returns the document of kind k the right way up: upright as the corner finder ordered
// the corners, or turned half a turn when only that reading is plausible. The first way of reading
// is tried in both orientations, then, when deep is set, the other ways.
func (s *session) orient(k layout.Kind, deep bool) (doc, bool, error) {
	depths := []bool{false}
	if deep {
		depths = append(depths, true)
	}
	for _, dp := range depths {
		for _, flipped := range []bool{false, true} {
			d := s.doc(k, flipped)
			ok, err := s.plausible(d, true, dp)
			if err != nil || ok {
				return d, ok, err
			}
		}
	}
	return s.doc(k, false), false, nil
}

// recognise tells the kind and orientation of the document from its aspect ratio and a few small
// regions. A page with the TD3 aspect ratio is tried as a passport first; an ID-1 card is an
// id_card when its bottom band holds an MRZ, a cn_id_front when it holds an 18-character number, a
// cn_id_back when it shows the title or the validity period (a red emblem at a corner says which
// way up to try first). The aspect ratio measured on a photo is only a hint (perspective makes a
// card seen at an angle look passport-shaped, and the reverse): when the kind it points to is not
// confirmed, the others are tried. found is false when no kind was confirmed; d.kind is then
// passport for a passport-shaped page and empty for an ID-1 card.
func (s *session) recognise(aspect float64) (d doc, found bool, err error) {
	id1 := layout.ID1WidthMM / layout.ID1HeightMM
	td3 := layout.TD3WidthMM / layout.TD3HeightMM
	if s.noMRZ {
		return s.recogniseCard()
	}
	if math.Abs(aspect-td3) < math.Abs(aspect-id1) {
		d, found, err = s.orient(layout.Passport, true)
		if err != nil || found {
			return d, found, err
		}
		if c, ok, err := s.recogniseCard(); err != nil || ok {
			return c, ok, err
		}
		return d, false, nil
	}
	d, found, err = s.recogniseCard()
	if err != nil || found {
		return d, found, err
	}
	// A card-shaped outline is seldom a passport page: its MRZ is looked for the first way only,
	// which bounds the time spent on a document of no known kind.
	if p, ok, err := s.orient(layout.Passport, false); err != nil || ok {
		return p, ok, err
	}
	return d, false, nil
}

// recogniseCard tells the kind and orientation of an ID-1 card (see recognise).
func (s *session) recogniseCard() (d doc, found bool, err error) {
	// The emblem is cheap to test (no OCR) and tells both the kind and the orientation.
	order := []bool{false, true}
	up, err := s.emblemScore(s.doc(layout.CNIDBack, false))
	if err != nil {
		return doc{}, false, err
	}
	down, err := s.emblemScore(s.doc(layout.CNIDBack, true))
	if err != nil {
		return doc{}, false, err
	}
	emblemAt := -1
	switch {
	case up >= emblemMinScore && up > down:
		emblemAt = 0
	case down >= emblemMinScore && down > up:
		emblemAt, order = 1, []bool{true, false}
	}
	if emblemAt >= 0 {
		d := s.doc(layout.CNIDBack, order[0])
		if ok, err := s.plausible(d, true, true); err != nil || ok {
			return d, ok, err
		}
	}
	// The first way of reading each region first, in both orientations; the other ways only when
	// nothing was found, and only for a region whose first reading looked like a part of what it
	// should hold (hinted): a document of no known kind is not read every way.
	for _, deep := range []bool{false, true} {
		for _, flipped := range order {
			for _, k := range []layout.Kind{layout.IDCard, layout.CNIDFront, layout.CNIDBack} {
				if k == layout.IDCard && s.noMRZ {
					continue
				}
				d := s.doc(k, flipped)
				if deep {
					h, err := s.hinted(d)
					if err != nil {
						return doc{}, false, err
					}
					if !h {
						continue
					}
				}
				// Without the emblem, the back is told by its validity period alone: the title
				// region is large and slow to read on a card covered in text.
				ok, err := s.plausible(d, false, deep)
				if err != nil {
					return doc{}, false, err
				}
				if ok {
					return d, true, nil
				}
			}
		}
	}
	return doc{}, false, nil
}

// minHintDigits is the number of digits from which a first reading of a Chinese card's number or
// validity period is taken for a poor reading of one: the number has 18 characters, the period 16
// digits.
const minHintDigits = 8

// hinted reports whether the first reading of the region that identifies d's kind holds part of
// what it should: MRZ fillers, or a run of digits for a Chinese card's number or validity period.
func (s *session) hinted(d doc) (bool, error) {
	name := map[layout.Kind]string{layout.Passport: "mrz", layout.IDCard: "mrz", layout.CNIDFront: "id_number", layout.CNIDBack: "validity"}[d.kind]
	if name == "" {
		return false, nil
	}
	fr, err := s.field(d, name)
	if err != nil {
		return false, err
	}
	if name == "mrz" {
		return strings.Contains(strings.Join(fr.mrz, "")+strings.Join(fr.mrzPlain, ""), "<<"), nil
	}
	n := 0
	for _, r := range fr.text() {
		if isDigit(r) {
			n++
		}
	}
	return n >= minHintDigits, nil
}

// plausible reads the region that identifies d's kind and tells whether it reads as expected. The
// back of a Chinese card is told by its validity period or, when title is set, by its title. Only
// the first way of reading a region is tried unless deep is set.
func (s *session) plausible(d doc, title, deep bool) (bool, error) {
	read := func(name string, accept func(fieldRead) bool) (bool, error) {
		if !deep {
			fr, err := s.field(d, name)
			return err == nil && accept(fr), err
		}
		fr, err := s.firstAccepted(d, name, accept)
		return err == nil && accept(fr), err
	}
	switch d.kind {
	case layout.Passport, layout.IDCard:
		// The MRZ's format tells the size of the document: three lines of 30 (TD1) are printed only
		// on an ID-1 card, two lines of 44 (TD3) or 36 (TD2) only on a larger page.
		return read("mrz", func(fr fieldRead) bool {
			md := fr.findMRZ()
			return md != nil && (md.Format == mrz.TD1) == (d.kind == layout.IDCard)
		})
	case layout.CNIDFront:
		return read("id_number", func(fr fieldRead) bool { return plausibleCNID(fr.text()) })
	case layout.CNIDBack:
		ok, err := read("validity", func(fr fieldRead) bool {
			_, _, ok := parseValidity(fr.text())
			return ok
		})
		if err != nil || ok || !title {
			return ok, err
		}
		return read("title", func(fr fieldRead) bool { return plausibleTitle(fr.text()) })
	}
	return false, nil
}

// glyphCount estimates the number of characters of a Chinese field from its ink (squareGlyphs),
// on the field cut at the base resolution and binarised; 0 when the field is not Chinese or holds
// no line to count.
func (s *session) glyphCount(d doc, name string) (int, error) {
	if specs[d.kind][name].lang != langChi {
		return 0, nil
	}
	f, ok := d.l.Field(name)
	if !ok || f.Lines != 1 {
		return 0, nil
	}
	ppm := s.r.opts.PixelsPerMM
	rect, err := s.fieldRegion(d, f)
	if err != nil {
		return 0, err
	}
	crop, err := d.g.cut(s.work, rect, ppm, false)
	if err != nil {
		return 0, err
	}
	return squareGlyphs(trim(otsu(crop), 0, 2), 2), nil
}

// vote reads a field that nothing can check (a name) two ways, and a third when they disagree,
// and returns the reading (after clean) that two ways agree on, or else the most confident
// non-empty one. fr is the region read.
func (s *session) vote(d doc, name string, clean func(string) string) (string, fieldRead, error) {
	type cand struct {
		text string
		conf float64
	}
	var cands []cand
	var first fieldRead
	// A reading with more or fewer characters than the ink holds is an engine's invention or loss
	// (Tesseract may read a clean 吴欣雨 as 有吴欣雨): it takes part only when no reading agrees with
	// the count.
	glyphs, err := s.glyphCount(d, name)
	if err != nil {
		return "", first, err
	}
	fits := func(t string) bool { return glyphs == 0 || len([]rune(t)) == glyphs }
	for i := 0; ; i++ {
		fr, ok, err := s.fieldWay(d, name, i)
		if err != nil {
			return "", first, err
		}
		if !ok {
			break
		}
		if i == 0 {
			first = fr
		}
		c := cand{clean(fr.text()), fr.conf()}
		for _, o := range cands {
			if c.text != "" && o.text == c.text && fits(c.text) {
				return c.text, first, nil
			}
		}
		cands = append(cands, c)
	}
	for _, strict := range []bool{true, false} {
		best := cand{conf: -1}
		for _, c := range cands {
			if c.text != "" && c.conf > best.conf && (!strict || fits(c.text)) {
				best = c
			}
		}
		if best.text != "" || !strict {
			return best.text, first, nil
		}
	}
	return "", first, nil
}
