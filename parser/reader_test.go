package parser_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
)

// TestParseReaderReadError: a reader that fails is not a payload error. ParseReader
// returns *ReadError wrapping the reader's error, whether the bytes read so far were valid, invalid or complete; a payload already
// past the byte limit is too_large even so.
func TestParseReaderReadError(t *testing.T) {
	boom := errors.New("connection reset")
	specs := map[string]string{
		"named arrays": robustSpec,
		"respond":      robustSpec,
	}
	small := parser.WithLimits(parser.Limits{MaxBytes: 64})
	for name, s := range specs {
		prog := compileJSON(t, s, small)
		for _, prefix := range []string{
			``,
			`{"e":"e","c":"c","add":["u1"`,
			`{"e":"e","c":"c","n":"n","add":["u1"],"remove":[]}`, // complete: the error comes before EOF
			`{"e":"e"]`, // invalid, then the reader fails
		} {
			var res *parser.Result
			var err error
			if name == "respond" {
				var resp *parser.Response
				resp, res, err = prog.RespondReader(io.MultiReader(strings.NewReader(prefix), iotest.ErrReader(boom)), parser.ResponseOptions{}, nil)
				assert.Nil(t, resp, "%s: %q: no answer for a payload not read whole", name, prefix)
			} else {
				res, err = prog.ParseReader(io.MultiReader(strings.NewReader(prefix), iotest.ErrReader(boom)))
			}
			assert.Nil(t, res, "%s: %q", name, prefix)
			var re *parser.ReadError
			require.True(t, errors.As(err, &re), "%s: %q: error %T %v, want *ReadError", name, prefix, err, err)
			assert.ErrorIs(t, err, boom)
			var perr *parser.Error
			assert.False(t, errors.As(err, &perr), "%s: %q: a read error is not a payload error", name, prefix)
		}
		over := `{"e":"` + strings.Repeat("x", 100) + `"}`
		_, err := prog.ParseReader(io.MultiReader(strings.NewReader(over), iotest.ErrReader(boom)))
		var perr *parser.Error
		require.True(t, errors.As(err, &perr), "%s: past the limit: %v", name, err)
		assert.Equal(t, parser.CodeTooLarge, perr.Code)
	}
}

// emptyReader returns no bytes and no error, forever.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, nil }

// TestParseReaderNoProgress: a reader that keeps returning (0, nil) is a stuck
// reader, io.ErrNoProgress in a *ReadError, not invalid JSON.
func TestParseReaderNoProgress(t *testing.T) {
	prog := compileJSON(t, robustSpec)
	for _, r := range []io.Reader{emptyReader{}, io.MultiReader(strings.NewReader(`{"e":"e",`), emptyReader{})} {
		_, err := prog.ParseReader(r)
		var re *parser.ReadError
		require.True(t, errors.As(err, &re), "error %T %v, want *ReadError", err, err)
		assert.ErrorIs(t, err, io.ErrNoProgress)
		resp, _, err := prog.RespondReader(r, parser.ResponseOptions{}, nil)
		assert.Nil(t, resp)
		assert.ErrorIs(t, err, io.ErrNoProgress)
	}
}
