package cnid

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Numbers of invented people, with check characters computed independently
// of this package.
const (
	idBeijing  = "110105199003071239" // Chaoyang, 1990-03-07, sequence 123
	idLeapDay  = "440304200002294568" // 2000-02-29, female
	idShanghai = "310115198512310029"
	idNanjingX = "32010219881115103X" // check character X
	idChengdu  = "51010419950930101X"
	idUrumqi   = "650102197001010018"
	id1949     = "110105194910018885"
)

var testNow = time.Date(2025, 6, 15, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

func TestCheckChar(t *testing.T) {
	tests := []struct {
		id string
	}{{idBeijing}, {idLeapDay}, {idShanghai}, {idNanjingX}, {idChengdu}, {idUrumqi}, {id1949}}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, err := CheckChar(tt.id[:17])
			require.NoError(t, err)
			assert.Equal(t, string(tt.id[17]), string(got))
		})
	}
}

func TestCheckCharErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrLength},
		{"1101051990030712", ErrLength},
		{"110105199003071239", ErrLength},
		{"1101051990030712X", ErrCharacter},
		{"11010519900307 23", ErrCharacter},
		{"１１０１０５１９９", ErrLength},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := CheckChar(tt.in)
			require.ErrorIs(t, err, tt.want)
		})
	}
}

func TestValidateAt(t *testing.T) {
	tests := []struct {
		name string
		id   string
		want error
	}{
		{"Beijing", idBeijing, nil},
		{"leap day", idLeapDay, nil},
		{"X check character", idNanjingX, nil},
		{"another X", idChengdu, nil},
		{"1949", id1949, nil},
		{"empty", "", ErrLength},
		{"17 digits", idBeijing[:17], ErrLength},
		{"19 digits", idBeijing + "1", ErrLength},
		{"15-digit old number", "110105900307123", ErrLength},
		{"full-width digit", "１" + idBeijing[1:], ErrCharacter},
		{"lower-case x", idNanjingX[:17] + "x", ErrCharacter},
		{"X inside", "11010519900307X239", ErrCharacter},
		{"letter", "11O105199003071239", ErrCharacter},
		{"space", "110105 99003071239", ErrCharacter},
		{"region starting with 0", "010105199003071235", ErrRegion},
		{"30 February", withCheck("11010519900230123"), ErrBirthDate},
		{"month 13", withCheck("11010519901307123"), ErrBirthDate},
		{"day 0", withCheck("11010519900300123"), ErrBirthDate},
		{"before 1900", withCheck("11010518991231123"), ErrBirthDate},
		{"tomorrow", withCheck("11010520250616123"), ErrBirthDate},
		{"29 February of a common year", withCheck("11010519000229123"), ErrBirthDate},
		{"wrong check character", idBeijing[:17] + "8", ErrCheckChar},
		{"wrong X", idBeijing[:17] + "X", ErrCheckChar},
		{"transposed digits", "110105199003071329", ErrCheckChar},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateAt(tt.id, testNow)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
			if tt.id != "" {
				assert.NotContains(t, err.Error(), tt.id, "errors must not repeat the number")
			}
		})
	}
}

// withCheck appends the check character to 17 digits.
func withCheck(first17 string) string {
	c, err := CheckChar(first17)
	if err != nil {
		panic(err)
	}
	return first17 + string(c)
}

func TestValidateUsesToday(t *testing.T) {
	require.NoError(t, Validate(idBeijing))
	future := withCheck("110105" + time.Now().AddDate(1, 0, 0).Format("20060102") + "123")
	require.ErrorIs(t, Validate(future), ErrBirthDate)
}

func TestValidateAtToday(t *testing.T) {
	// Born today, in the time zone of now, is valid.
	require.NoError(t, ValidateAt(withCheck("11010520250615123"), testNow))
}

func TestBirthDateAndSex(t *testing.T) {
	tests := []struct {
		id    string
		birth string
		sex   string
	}{
		{idBeijing, "1990-03-07", "M"},
		{idLeapDay, "2000-02-29", "F"},
		{idShanghai, "1985-12-31", "F"},
		{idNanjingX, "1988-11-15", "M"},
		{idUrumqi, "1970-01-01", "M"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			b, err := BirthDate(tt.id)
			require.NoError(t, err)
			assert.Equal(t, tt.birth, b.Format(time.DateOnly))
			s, err := Sex(tt.id)
			require.NoError(t, err)
			assert.Equal(t, tt.sex, s)
		})
	}
	_, err := BirthDate("11010519901307123X")
	require.ErrorIs(t, err, ErrBirthDate)
	_, err = BirthDate("short")
	require.ErrorIs(t, err, ErrLength)
	_, err = Sex("1101051990030712A9")
	require.ErrorIs(t, err, ErrCharacter)
}

func TestRepairAt(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    string
		changed bool
		err     error
	}{
		{"valid unchanged", idBeijing, idBeijing, false, nil},
		{"spaces", "110105 19900307 1239", idBeijing, true, nil},
		{"ideographic space and tab", "110105\u300019900307\t1239", idBeijing, true, nil},
		{"full-width digits", "１１０１０５１９９００３０７１２３９", idBeijing, true, nil},
		{"lower-case x", "32010219881115103x", idNanjingX, true, nil},
		{"K for X", "32010219881115103K", idNanjingX, true, nil},
		{"multiplication sign for X", "32010219881115103×", idNanjingX, true, nil},
		{"O and o for 0", "11O1o5199003071239", idBeijing, true, nil},
		{"D and Q for 0", "11D1Q5199003071239", idBeijing, true, nil},
		{"l and i for 1", "l1010519900307i239", idBeijing, true, nil},
		{"| for 1 in the check position is not confirmed", "11010519900307123|", "110105199003071231", true, ErrCheckChar},
		{"I and | for 1", "I10I05I99003071239", idBeijing, true, nil},
		{"Z, S, b and g", "44O3O42OOOO2Z9456B", idLeapDay, true, nil},
		{"B read as 8 confirmed", "44O3O42OOOO2294S6B", idLeapDay, true, nil},
		{"G for 6 in a date", "44030420000229456B", idLeapDay, true, nil},
		{
			name: "two ambiguous readings", raw: "1101Q51990030710G5",
			want: "110105199003071065", changed: true, err: ErrAmbiguous,
		},
		{
			name: "confusion that does not validate", raw: "11O105199003071238",
			want: "110105199003071238", changed: true, err: ErrCheckChar,
		},
		{"real error left", "110105199003071238", "110105199003071238", false, ErrCheckChar},
		{"unreadable character", "1101#5199003071239", "1101#5199003071239", false, ErrCharacter},
		{"too short", "11010519900307123", "11010519900307123", false, ErrLength},
		{"too long after spaces", "1101051990030712399 ", "1101051990030712399", true, ErrLength},
		{"X inside", "11010519900307X239", "11010519900307X239", false, ErrCharacter},
		{"empty", "", "", false, ErrLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, changed, err := RepairAt(tt.raw, testNow)
			if tt.err == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tt.err)
			}
			assert.Equal(t, tt.want, id)
			assert.Equal(t, tt.changed, changed)
		})
	}
}

func TestRepairBounds(t *testing.T) {
	_, _, err := RepairAt(strings.Repeat("1", 257), testNow)
	require.ErrorIs(t, err, ErrLength)
	// 17 two-way readings and X: more than 1024 candidates.
	_, _, err = RepairAt(strings.Repeat("B", 17)+"X", testNow)
	require.ErrorIs(t, err, ErrAmbiguous)
}

func TestRepairUsesToday(t *testing.T) {
	id, changed, err := Repair("11O105199003071239")
	require.NoError(t, err)
	assert.Equal(t, idBeijing, id)
	assert.True(t, changed)
}

// TestRepairSingleConfusions puts every confusion into every position of
// the test numbers: the repair must give back the number, or fail.
func TestRepairSingleConfusions(t *testing.T) {
	confusions := map[byte]string{
		'0': "OoDQ", '1': "Il|i", '2': "Zz", '5': "Ss", '6': "GbB", '8': "B", '9': "gqQG",
	}
	restored, failed := 0, 0
	for _, id := range []string{idBeijing, idLeapDay, idShanghai, idNanjingX, idChengdu, idUrumqi, id1949} {
		for i := 0; i < Length; i++ {
			for _, r := range confusions[id[i]] {
				raw := id[:i] + string(r) + id[i+1:]
				got, _, err := RepairAt(raw, testNow)
				if err != nil {
					failed++
					continue
				}
				require.Equal(t, id, got, "from %q", raw)
				restored++
			}
		}
	}
	t.Logf("restored %d, unconfirmed %d", restored, failed)
	assert.Zero(t, failed)
}
