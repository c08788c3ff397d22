package mrz

import "errors"

// ErrFormat is returned, wrapped with details, when lines cannot be the
// machine-readable zone of any supported format: wrong number of lines,
// wrong lengths or characters outside A-Z, 0-9 and '<'.
var ErrFormat = errors.New("mrz: not a machine-readable zone")

// ErrCharacter is returned, wrapped with details, by [CheckDigit] for a
// character outside A-Z, 0-9 and '<'.
var ErrCharacter = errors.New("mrz: invalid character")

// ErrDate is returned, wrapped with details, when a date field is not a
// calendar date.
var ErrDate = errors.New("mrz: invalid date")

// ErrField is returned, wrapped with details, by [Build] when a field does
// not fit its place in the format.
var ErrField = errors.New("mrz: invalid field")
