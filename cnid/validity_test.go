package cnid

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseValidity(t *testing.T) {
	tests := []struct {
		in   string
		want Validity
	}{
		{"2015.03.01-2035.03.01", Validity{From: date("2015-03-01"), To: date("2035-03-01")}},
		{"2015.03.01-长期", Validity{From: date("2015-03-01"), LongTerm: true}},
		{"2015.03.01 - 長期", Validity{From: date("2015-03-01"), LongTerm: true}},
		{"2015.03.01一2025.03.01", Validity{From: date("2015-03-01"), To: date("2025-03-01")}},
		{"2015.03.01—2025.03.01", Validity{From: date("2015-03-01"), To: date("2025-03-01")}},
		{"2015.03.01–2025.03.01", Validity{From: date("2015-03-01"), To: date("2025-03-01")}},
		{"2015.03.01~2020.03.01", Validity{From: date("2015-03-01"), To: date("2020-03-01")}},
		{"2015-03-01-2020-03-01", Validity{From: date("2015-03-01"), To: date("2020-03-01")}},
		{" 2015. 03. 01 - 2025. 03. 01 ", Validity{From: date("2015-03-01"), To: date("2025-03-01")}},
		{"２０１５．０３．０１－２０２５．０３．０１", Validity{From: date("2015-03-01"), To: date("2025-03-01")}},
		{"２０１５．０３．０１－长　期", Validity{From: date("2015-03-01"), LongTerm: true}},
		{"20150301-20250301", Validity{From: date("2015-03-01"), To: date("2025-03-01")}},
		{"2015030120250301", Validity{From: date("2015-03-01"), To: date("2025-03-01")}},
		{"2012.02.29-2022.02.28", Validity{From: date("2012-02-29"), To: date("2022-02-28")}},
		{"2012.02.29-2022.03.01", Validity{From: date("2012-02-29"), To: date("2022-03-01")}},
		{"2016.02.29-2036.02.29", Validity{From: date("2016-02-29"), To: date("2036-02-29")}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseValidity(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseValidityErrors(t *testing.T) {
	tests := []struct {
		in   string
		want Validity // what was read despite the error
	}{
		{"2015.03.01-2016.03.01", Validity{From: date("2015-03-01"), To: date("2016-03-01")}},
		{"2015.03.01-2025.03.02", Validity{From: date("2015-03-01"), To: date("2025-03-02")}},
		{"2025.03.01-2015.03.01", Validity{From: date("2025-03-01"), To: date("2015-03-01")}},
		{"2015.03.01-2015.03.01", Validity{From: date("2015-03-01"), To: date("2015-03-01")}},
		{"2015.03.01-2025.02.30", Validity{From: date("2015-03-01")}},
		{"2015.13.01-2025.13.01", Validity{}},
		{"2015.03.01", Validity{}},
		{"2015.03.01-2025.03.0", Validity{}},
		{"2015.03.01-2025.03.011", Validity{}},
		{"2015.03.0120.25.03.01", Validity{}},
		{"2015.03.01至2025.03.01", Validity{}},
		{"长期", Validity{}},
		{"", Validity{}},
		{"\xff", Validity{}},
		{strings.Repeat("2", 300), Validity{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseValidity(tt.in)
			require.ErrorIs(t, err, ErrValidity)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestValidityExpired(t *testing.T) {
	v := Validity{From: date("2015-03-01"), To: date("2025-03-01")}
	cst := time.FixedZone("CST", 8*3600)
	assert.False(t, v.Expired(time.Date(2025, 3, 1, 23, 59, 0, 0, cst)))
	assert.True(t, v.Expired(time.Date(2025, 3, 2, 0, 1, 0, 0, cst)))
	assert.False(t, Validity{From: date("2015-03-01"), LongTerm: true}.Expired(time.Date(2100, 1, 1, 0, 0, 0, 0, cst)))
	assert.False(t, Validity{}.Expired(time.Now()))
}
