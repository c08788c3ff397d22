package precheck_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/precheck"
)

// lackingReader is a fakeReader that doubts a name whose typed value holds a character of missing.
type lackingReader struct {
	fakeReader
	missing string
}

func (l lackingReader) Doubt(field, typed, read string) string {
	if field == "name" && l.missing != "" && strings.ContainsAny(typed, l.missing) {
		return precheck.ReasonRareCharacter
	}
	return ""
}

func issueFor(r *precheck.Report, field string) (precheck.Issue, bool) {
	for _, is := range r.Issues {
		if is.Field == field {
			return is, true
		}
	}
	return precheck.Issue{}, false
}

func TestUnsureNameIsUnreadable(t *testing.T) {
	for _, tc := range []struct {
		what, read, typed string
		unsure            bool
		missing           string
		match             string
		code              precheck.Code
		reason            string
	}{
		{"sure and different", "张伟", "张玮", false, "", "mismatch", precheck.CodeNameMismatch, "one_character"},
		{"unsure and different", "张伟", "张玮", true, "", "unreadable", precheck.CodeUnreadable, precheck.ReasonLowConfidence},
		{"unsure and equal", "张伟", "张伟", true, "", "match", "", ""},
		{"typed character unreadable", "龚赞", "龚赟", false, "赟", "unreadable", precheck.CodeUnreadable, precheck.ReasonRareCharacter},
		{"unreadable character, equal", "龚赟", "龚赟", false, "赟", "match", "", ""},
	} {
		t.Run(tc.what, func(t *testing.T) {
			rd := cnFront()
			rd.Printed.Name = tc.read
			if tc.unsure {
				rd.Unsure = []string{"name"}
			}
			ck, err := precheck.New(fakeAnalyzer{q: goodQuality()}, precheck.WithReader(lackingReader{fakeReader{rd}, tc.missing}))
			require.NoError(t, err)
			r, err := ck.Check(context.Background(), []byte("x"), precheck.Typed{Name: tc.typed})
			require.NoError(t, err)
			assert.Equal(t, tc.match, r.Matches["name"])
			is, ok := issueFor(r, "name")
			if tc.code == "" {
				assert.False(t, ok, "issue %+v", is)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tc.code, is.Code)
			assert.Equal(t, tc.reason, is.Reason)
		})
	}
}

// TestConsistentName: a reading that differs from the typed name only where the reader named the
// typed character as its second choice is consistent, with no issue; any other difference stands.
func TestConsistentName(t *testing.T) {
	for _, tc := range []struct {
		what, read, typed string
		alts              []string
		unsure            bool
		match             string
		verdict           precheck.Verdict
	}{
		{"second choice typed", "余丹兰", "佘丹兰", []string{"佘", "", ""}, false, "consistent", precheck.Accept},
		{"second choice typed, unsure", "余丹兰", "佘丹兰", []string{"佘", "", ""}, true, "consistent", precheck.Accept},
		{"typed with a space", "余丹兰", "佘 丹兰", []string{"佘", "", ""}, false, "consistent", precheck.Accept},
		{"another character differs too", "余丹兰", "佘丹蓝", []string{"佘", "", ""}, false, "mismatch", precheck.Mismatch},
		{"typed not the second choice", "余丹兰", "徐丹兰", []string{"佘", "", ""}, false, "mismatch", precheck.Mismatch},
		{"second choice elsewhere", "余丹兰", "佘丹兰", []string{"", "佘", ""}, false, "mismatch", precheck.Mismatch},
		{"a character more", "余丹兰", "佘丹兰兰", []string{"佘", "", ""}, false, "mismatch", precheck.Mismatch},
		{"alternatives not aligned", "余丹兰", "佘丹兰", []string{"佘", ""}, false, "mismatch", precheck.Mismatch},
		{"equal", "余丹兰", "余丹兰", []string{"佘", "", ""}, false, "match", precheck.Accept},
	} {
		t.Run(tc.what, func(t *testing.T) {
			rd := cnFront()
			rd.Printed.Name = tc.read
			rd.Alternatives = map[string][]string{"name": tc.alts}
			if tc.unsure {
				rd.Unsure = []string{"name"}
			}
			ck, err := precheck.New(fakeAnalyzer{q: goodQuality()}, precheck.WithReader(fakeReader{rd}))
			require.NoError(t, err)
			r, err := ck.Check(context.Background(), []byte("x"), precheck.Typed{Name: tc.typed, IDNumber: rd.Printed.IDNumber})
			require.NoError(t, err)
			assert.Equal(t, tc.match, r.Matches["name"])
			assert.Equal(t, tc.verdict, r.Verdict, "issues %+v", r.Issues)
			if tc.match == "consistent" {
				_, ok := issueFor(r, "name")
				assert.False(t, ok)
			}
		})
	}
}
