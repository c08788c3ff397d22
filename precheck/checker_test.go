package precheck_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/photo"
	"github.com/docprecheck/docprecheck/precheck"
)

// fakeAnalyzer returns fixed measures, so the Checker's logic is tested without OpenCV.
type fakeAnalyzer struct {
	q   precheck.Quality
	err error
}

type fakePhoto struct{ q precheck.Quality }

func (p *fakePhoto) Quality() precheck.Quality { return p.q }
func (p *fakePhoto) Close() error              { return nil }

func (a fakeAnalyzer) Analyze(ctx context.Context, data []byte) (precheck.Photo, error) {
	if a.err != nil {
		return nil, a.err
	}
	return &fakePhoto{a.q}, nil
}

type fakeReader struct{ r precheck.Reading }

func (f fakeReader) Read(ctx context.Context, p precheck.Photo, k precheck.DocumentKind) (precheck.Reading, error) {
	return f.r, nil
}

func goodQuality() precheck.Quality {
	return precheck.Quality{Width: 2000, Height: 1500, Corners: &precheck.Quad{{100, 100}, {900, 100}, {900, 600}, {100, 600}},
		Measures: []precheck.Measure{{Code: precheck.CodeBlur, Score: 0.002, Threshold: 0.006}}}
}

func cnFront() precheck.Reading {
	valid := true
	return precheck.Reading{
		Kind:          precheck.KindCNIDFront,
		Printed:       precheck.Fields{Name: "张伟", IDNumber: "11010519900307123X", BirthDate: "1990-03-07"},
		IDNumberValid: &valid,
	}
}

func check(t *testing.T, q precheck.Quality, rd *precheck.Reading, typed precheck.Typed, opts ...precheck.Option) *precheck.Report {
	t.Helper()
	if rd != nil {
		opts = append(opts, precheck.WithReader(fakeReader{*rd}))
	}
	ck, err := precheck.New(fakeAnalyzer{q: q}, opts...)
	require.NoError(t, err)
	r, err := ck.Check(context.Background(), []byte("x"), typed)
	require.NoError(t, err)
	return r
}

func TestVerdicts(t *testing.T) {
	blurry := goodQuality()
	blurry.Measures[0].Failed = true
	expired := cnFront()
	expired.Kind = precheck.KindPassport
	expired.Printed.Expiry = "2020-01-01"
	invalid := cnFront()
	f := false
	invalid.IDNumberValid = &f
	today := precheck.WithClock(func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) })
	for _, tc := range []struct {
		name  string
		q     precheck.Quality
		rd    *precheck.Reading
		typed precheck.Typed
		want  precheck.Verdict
		codes []precheck.Code
	}{
		{"good photo, quality only", goodQuality(), nil, precheck.Typed{}, precheck.Accept, nil},
		{"blurry", blurry, nil, precheck.Typed{}, precheck.Retake, []precheck.Code{precheck.CodeBlur}},
		{"typed matches", goodQuality(), ptr(cnFront()), precheck.Typed{Name: "张 伟", IDNumber: "１１０１０５１９９００３０７１２３ｘ", BirthDate: "1990年3月7日"}, precheck.Accept, nil},
		{"one digit differs", goodQuality(), ptr(cnFront()), precheck.Typed{IDNumber: "110105199003071239"}, precheck.Mismatch, []precheck.Code{precheck.CodeIDNumberMismatch}},
		{"expired", goodQuality(), &expired, precheck.Typed{}, precheck.Reject, []precheck.Code{precheck.CodeExpired}},
		{"invalid number", goodQuality(), &invalid, precheck.Typed{}, precheck.Reject, []precheck.Code{precheck.CodeInvalidIDNumber}},
		{"blurry beats mismatch", blurry, ptr(cnFront()), precheck.Typed{Name: "李四"}, precheck.Retake, []precheck.Code{precheck.CodeBlur, precheck.CodeNameMismatch}},
		{"blurry and expired", blurry, &expired, precheck.Typed{}, precheck.Retake, []precheck.Code{precheck.CodeBlur, precheck.CodeExpired}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, tc.q, tc.rd, tc.typed, today)
			assert.Equal(t, tc.want, r.Verdict)
			var codes []precheck.Code
			for _, is := range r.Issues {
				codes = append(codes, is.Code)
				assert.NotEmpty(t, is.Message)
			}
			assert.Equal(t, tc.codes, codes)
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestReadUnderFailedPhotoCheck: the document is read even when a photo check fails; what is read is
// reported, marked tentative, and said to need the retake first; the verdict stays retake.
func TestReadUnderFailedPhotoCheck(t *testing.T) {
	blurry := goodQuality()
	blurry.Measures[0].Failed = true
	rd := cnFront()
	r := check(t, blurry, &rd, precheck.Typed{Name: "李四", IDNumber: "110105199003071234"})
	assert.Equal(t, precheck.Retake, r.Verdict)
	assert.Equal(t, "张伟", r.Fields.Name)
	assert.Equal(t, "mismatch", r.Matches["name"])
	var mismatch *precheck.Issue
	for i := range r.Issues {
		if r.Issues[i].Code == precheck.CodeNameMismatch {
			mismatch = &r.Issues[i]
		}
		if r.Issues[i].Code == precheck.CodeBlur {
			assert.False(t, r.Issues[i].Tentative, "a photo check is not tentative")
		}
	}
	require.NotNil(t, mismatch, "%+v", r.Issues)
	assert.True(t, mismatch.Tentative)
	assert.Contains(t, mismatch.Message, "retake the photo first")
	zh := precheck.Message(*mismatch, precheck.Chinese)
	assert.Contains(t, zh, "请先重新拍摄")
}

// td1Disagreeing is an ID-1 card whose MRZ number validates but whose printed number was read
// otherwise: one of the two readings is wrong.
func td1Disagreeing() precheck.Reading {
	return precheck.Reading{
		Kind:      precheck.KindIDCard,
		MRZ:       &precheck.MRZ{Format: "TD1", Valid: true},
		Printed:   precheck.Fields{Name: "WEISS LUKAS", IDNumber: "RIBF84177", BirthDate: "1955-07-31", Expiry: "2033-11-09"},
		MRZFields: &precheck.Fields{Name: "WEISS LUKAS", IDNumber: "RIBF84177", BirthDate: "1955-07-31", Expiry: "2033-11-09"},
		Extra:     map[string]string{"id_number_printed": "R98F84177"},
	}
}

func TestNumberReadingsDisagree(t *testing.T) {
	today := precheck.WithClock(func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) })
	for _, tc := range []struct {
		typed string
		want  precheck.Verdict
		match string
		code  precheck.Code
	}{
		// What was typed agrees with the printed reading: the document is not sure of its number.
		{"R98F84177", precheck.Retake, "unreadable", precheck.CodeUnreadable},
		// What was typed agrees with the MRZ's reading: a match, whatever the printed reading.
		{"RIBF84177", precheck.Accept, "match", ""},
		// What was typed agrees with neither: a mismatch, as ever.
		{"R98F84178", precheck.Mismatch, "mismatch", precheck.CodeIDNumberMismatch},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			r := check(t, goodQuality(), ptr(td1Disagreeing()), precheck.Typed{IDNumber: tc.typed}, today)
			assert.Equal(t, tc.want, r.Verdict)
			assert.Equal(t, tc.match, r.Matches["id_number"])
			if tc.code == "" {
				assert.Empty(t, r.Issues)
				return
			}
			require.Len(t, r.Issues, 1)
			assert.Equal(t, tc.code, r.Issues[0].Code)
			assert.Equal(t, "id_number", r.Issues[0].Field)
			assert.NotEmpty(t, r.Issues[0].Message)
		})
	}
}

func TestMatchesAndMessages(t *testing.T) {
	r := check(t, goodQuality(), ptr(cnFront()), precheck.Typed{Name: "張偉", IDNumber: "11010519900307123X"}, precheck.WithLanguage(precheck.Chinese))
	assert.Equal(t, precheck.Mismatch, r.Verdict)
	assert.Equal(t, "mismatch", r.Matches["name"])
	assert.Equal(t, "match", r.Matches["id_number"])
	assert.Equal(t, "not_given", r.Matches["birth_date"])
	require.Len(t, r.Issues, 1)
	assert.Contains(t, r.Issues[0].Message, "姓名")
	r.Localize(precheck.English)
	assert.Contains(t, r.Issues[0].Message, "name you typed")
}

func TestReportJSONContract(t *testing.T) {
	q := goodQuality()
	q.Measures = append(q.Measures, precheck.Measure{Code: precheck.CodeGlare, Score: 0.12, Threshold: 0.03, Failed: true,
		Regions: []precheck.Rect{{X: 1, Y: 2, W: 3, H: 4}}})
	r := check(t, q, nil, precheck.Typed{})
	r.File = "a.jpg"
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	for _, k := range []string{"file", "verdict", "issues", "document", "fields", "matches", "timings_ms"} {
		assert.Contains(t, m, k)
	}
	is := m["issues"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "message", "score", "threshold"} {
		assert.Contains(t, is, k)
	}
	doc := m["document"].(map[string]any)
	assert.Equal(t, "unknown", doc["kind"])
	assert.Len(t, doc["corners"], 4)
	tm := m["timings_ms"].(map[string]any)
	for _, k := range []string{"decode", "quality", "ocr", "total"} {
		assert.Contains(t, tm, k)
	}
}

func TestInputErrorsPassThrough(t *testing.T) {
	ck, err := precheck.New(fakeAnalyzer{err: photo.ErrEmpty})
	require.NoError(t, err)
	_, err = ck.Check(context.Background(), nil, precheck.Typed{})
	assert.True(t, errors.Is(err, photo.ErrEmpty))
	_, err = precheck.New(nil)
	assert.ErrorIs(t, err, precheck.ErrNoAnalyzer)
}

func TestEveryCodeHasMessages(t *testing.T) {
	codes := []precheck.Code{precheck.CodeNoDocument, precheck.CodeCutoff, precheck.CodeBlur, precheck.CodeGlare,
		precheck.CodeShadow, precheck.CodeTooDark, precheck.CodeTooBright, precheck.CodeLowResolution, precheck.CodeTilted, precheck.CodeOccluded,
		precheck.CodeUnreadable, precheck.CodeExpired, precheck.CodeInvalidIDNumber, precheck.CodeMRZInvalid,
		precheck.CodeNameMismatch, precheck.CodeIDNumberMismatch, precheck.CodeBirthDateMismatch, precheck.CodeExpiryMismatch}
	for _, c := range codes {
		en := precheck.Message(precheck.Issue{Code: c, Field: "name", Corners: []string{"top_left"}, Detail: "2020-01-01"}, precheck.English)
		zh := precheck.Message(precheck.Issue{Code: c, Field: "name", Corners: []string{"top_left"}, Detail: "2020-01-01"}, precheck.Chinese)
		assert.NotEqual(t, string(c), en, "%s has no English message", c)
		assert.NotEqual(t, en, zh, "%s has no Chinese message", c)
		assert.NotContains(t, en, "%!", "%s: bad format", c)
		assert.NotContains(t, zh, "%!", "%s: bad format", c)
	}
}

// TestUnknownKindAndBudget: a document of unknown kind with nothing unreadable is not a retake
// (the reader could not tell the kind, the photo is fine), and a field the reader had no time for
// is unreadable with the reason time_budget.
func TestUnknownKindAndBudget(t *testing.T) {
	unknown := precheck.Reading{Kind: precheck.KindUnknown}
	r := check(t, goodQuality(), &unknown, precheck.Typed{Name: "ANNA ERIKSSON"})
	assert.NotEqual(t, precheck.Retake, r.Verdict)
	for _, is := range r.Issues {
		assert.NotEqual(t, precheck.CodeUnreadable, is.Code, "issue %+v", is)
	}

	late := precheck.Reading{Kind: precheck.KindPassport, Unreadable: []string{"mrz"}, OutOfTime: []string{"mrz"}}
	r = check(t, goodQuality(), &late, precheck.Typed{})
	require.Len(t, r.Issues, 1)
	assert.Equal(t, precheck.CodeUnreadable, r.Issues[0].Code)
	assert.Equal(t, precheck.ReasonTimeBudget, r.Issues[0].Reason)
	assert.Equal(t, "mrz", r.Issues[0].Field)
}
