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
