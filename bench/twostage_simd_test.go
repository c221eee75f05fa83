//go:build goexperiment.simd && amd64

package bench

import (
	"math/bits"
	"simd/archsimd"
	"slices"
	"strings"
	"testing"
)

// A measurement, not a scanner: the two halves of a simdjson-style two-stage
// scanner, as far as they bound its speed on the field's payloads, for the
// question issue 14's notes leave open (would a two-stage AVX2 scanner beat
// segsync's one-pass one here?). Stage 1 classifies 64-byte blocks with AVX2
// into masks (quotes, backslashes, whitespace, the six structural bytes,
// control and non-ASCII bytes), settles escapes and the in-string mask from
// them with scalar bit arithmetic, checks what a block can say alone (control
// characters in strings, non-ASCII bytes outside them, each escape's letter)
// and writes the offsets of the structural bytes, string openings and scalar
// starts. It leaves out the UTF-8 check of the non-ASCII bytes and the
// surrogate pairing of \u escapes; stage2Lower walks those offsets with the
// grammar's states and the container stack but reads no number or literal.
// Each does less than a scanner would, so the throughput they reach together
// is an upper bound on a two-stage scanner's, to set beside BenchmarkScan.

// stage1 holds what a block carries over to the next.
type stage1 struct {
	escaped uint64 // bit 0: the first byte of the next block is escaped
	inStr   uint64 // all ones when the last block ended inside a string
	scalar  uint64 // bit 0: the last block ended within a scalar or string run
	err     uint64 // not zero once a block found something invalid
}

// fill fills the tables' other entries.
const fill = 0x80

var (
	// Indexed by a byte's low four bits (a byte from 0x80 indexes nothing and
	// finds 0): the whitespace byte with those bits, or fill, which no byte that
	// indexes the table equals.
	wsTable = archsimd.LoadUint8x32(&[32]uint8{
		' ', fill, fill, fill, fill, fill, fill, fill, fill, '\t', '\n', fill, fill, '\r', fill, fill,
		' ', fill, fill, fill, fill, fill, fill, fill, fill, '\t', '\n', fill, fill, '\r', fill, fill,
	})
	// The same for the structural bytes with bit 5 set: ',' ':' '{' '}' ('['
	// and ']' with bit 5 set are '{' and '}').
	opTable = archsimd.LoadUint8x32(&[32]uint8{
		fill, fill, fill, fill, fill, fill, fill, fill, fill, fill, ':', '{', ',', '}', fill, fill,
		fill, fill, fill, fill, fill, fill, fill, fill, fill, fill, ':', '{', ',', '}', fill, fill,
	})
	quoteX32     = archsimd.BroadcastInt8x32('"')
	backslashX32 = archsimd.BroadcastInt8x32('\\')
	spaceX32     = archsimd.BroadcastInt8x32(' ')
	zeroX32      = archsimd.BroadcastInt8x32(0)
)

// masks are the classes of the 64 bytes of a block, bit i for byte i.
type masks struct {
	quote, backslash, ws, op, ctrl, high uint64
}

// classify returns the masks of the 64 bytes at b.
func classify(b *[64]byte) masks {
	lo := archsimd.LoadUint8x32((*[32]byte)(b[:32])).AsInt8x32()
	hi := archsimd.LoadUint8x32((*[32]byte)(b[32:])).AsInt8x32()
	join := func(l, h archsimd.Mask8x32) uint64 { return uint64(l.ToBits()) | uint64(h.ToBits())<<32 }
	ws := func(v archsimd.Int8x32) archsimd.Mask8x32 {
		return wsTable.PermuteOrZeroGrouped(v).AsInt8x32().Equal(v)
	}
	op := func(v archsimd.Int8x32) archsimd.Mask8x32 {
		return opTable.PermuteOrZeroGrouped(v).AsInt8x32().Equal(v.Or(spaceX32))
	}
	high := join(lo.Less(zeroX32), hi.Less(zeroX32))
	return masks{
		quote:     join(lo.Equal(quoteX32), hi.Equal(quoteX32)),
		backslash: join(lo.Equal(backslashX32), hi.Equal(backslashX32)),
		ws:        join(ws(lo), ws(hi)),
		op:        join(op(lo), op(hi)),
		ctrl:      join(lo.Less(spaceX32), hi.Less(spaceX32)) &^ high, // Less counts the bytes from 0x80 too
		high:      high,
	}
}

// oddBits has the bits at odd positions set.
const oddBits = 0xaaaaaaaaaaaaaaaa

// escapes returns the bytes of the block escaped by a backslash (those after
// an odd-length run of backslashes), given its backslashes, and notes whether
// the next block's first byte is escaped.
func (s *stage1) escapes(backslash uint64) uint64 {
	in := s.escaped
	if backslash == 0 {
		s.escaped = 0
		return in
	}
	// Adding a run's first bit to the backslashes carries past the run, onto
	// the byte after it, which is escaped when the run has odd length: when
	// the run starts at an even bit, that byte is at an odd one, and the other
	// way round. Runs from even and odd bits are added apart, so that each
	// sum's landing bits can be told by their parity.
	b := backslash &^ in // an escaped backslash starts no run
	starts := b &^ (b << 1)
	even := b + starts&^oddBits
	odd, carry := bits.Add64(b, starts&oddBits, 0)
	s.escaped = carry // a run from an odd bit ran to the end, odd in length
	return in | (even&^b)&oddBits | (odd&^b)&^oddBits
}

// prefixXor returns the mask whose bit i is the parity of bits 0 to i of x.
func prefixXor(x uint64) uint64 {
	x ^= x << 1
	x ^= x << 2
	x ^= x << 4
	x ^= x << 8
	x ^= x << 16
	x ^= x << 32
	return x
}

// escapeByte holds 1 for the bytes a backslash may escape, 2 for the hex digits.
var escapeByte = func() (t [256]byte) {
	for _, c := range `"\/bfnrtu` {
		t[c] = 1
	}
	for _, c := range "0123456789abcdefABCDEF" {
		t[c] |= 2
	}
	return t
}()

// block runs stage 1 over the 64 bytes of data at p, appending the offsets of
// its structural positions to idx.
func (s *stage1) block(data []byte, p int, idx []uint32) []uint32 {
	m := classify((*[64]byte)(data[p:]))
	escaped := s.escapes(m.backslash)
	quote := m.quote &^ escaped
	inStr := prefixXor(quote) ^ s.inStr
	s.inStr = uint64(int64(inStr) >> 63)
	// Inside strings: no control character, and each escape's letter (and a
	// \u's four hex digits) valid; outside them: no non-ASCII byte, no control
	// byte but whitespace.
	s.err |= m.ctrl&inStr | m.ctrl&^m.ws&^inStr | m.high&^inStr
	for e := escaped & inStr; e != 0; e &= e - 1 {
		i := p + bits.TrailingZeros64(e)
		switch c := data[i]; {
		case escapeByte[c]&1 == 0:
			s.err |= 1
		case c == 'u':
			if i+4 >= len(data) || escapeByte[data[i+1]]&escapeByte[data[i+2]]&escapeByte[data[i+3]]&escapeByte[data[i+4]]&2 == 0 {
				s.err |= 1
			}
		}
	}
	// The structural positions: the six structural bytes and the first byte of
	// each scalar outside strings, and each string's opening quote.
	scalar := ^(m.op | m.ws) | inStr // a string's bytes, whatever they are
	starts := scalar &^ (scalar<<1 | s.scalar)
	s.scalar = scalar >> 63
	st := (m.op|starts)&^inStr | quote&inStr
	n := len(idx)
	idx = slices.Grow(idx, 64)
	dst := (*[64]uint32)(idx[n : n+64])
	k := 0
	for ; st != 0; st &= st - 1 {
		dst[k&63] = uint32(p + bits.TrailingZeros64(st))
		k++
	}
	return idx[:n+k]
}

// stage1Run runs stage 1 over the whole 64-byte blocks of data, leaving out the
// fewer than 64 bytes after them (a scanner's tail, which it would read another
// way), and returns the structural offsets and whether it found nothing invalid.
func stage1Run(data []byte, idx []uint32) ([]uint32, bool) {
	var s stage1
	idx = idx[:0]
	for p := 0; p+64 <= len(data); p += 64 {
		idx = s.block(data, p, idx)
	}
	return idx, s.err == 0
}

// stage2Lower walks the structural offsets with the grammar's states and the
// container stack, reading only the byte at each offset: a lower bound on a
// stage 2, which would also read numbers and literals (and, to extract, look
// up names and deliver values). It stops where stage 1 did, so it does not
// check the document's end.
func stage2Lower(data []byte, idx []uint32, stack []byte) bool {
	const (
		value     = iota // a value is due
		first            // an array's first value or its end is due
		after            // a value ended
		name             // a member name is due
		firstName        // an object's first member name or its end is due
		colon            // a colon is due
	)
	state := value
	stack = stack[:0]
	for _, i := range idx {
		c := data[i]
		switch state {
		case value, first:
			switch c {
			case '{':
				stack, state = append(stack, '}'), firstName
			case '[':
				stack, state = append(stack, ']'), first
			case ']':
				if state != first {
					return false
				}
				stack, state = stack[:len(stack)-1], after
			case '}', ',', ':':
				return false
			default: // a string or a scalar
				state = after
			}
		case after:
			if len(stack) == 0 {
				return false
			}
			switch top := stack[len(stack)-1]; c {
			case ',':
				if state = value; top == '}' {
					state = name
				}
			case top:
				stack = stack[:len(stack)-1]
			default:
				return false
			}
		case name, firstName:
			switch {
			case c == '"':
				state = colon
			case c == '}' && state == firstName:
				stack, state = stack[:len(stack)-1], after
			default:
				return false
			}
		case colon:
			if c != ':' {
				return false
			}
			state = value
		}
	}
	return true
}

func TestTwoStageLower(t *testing.T) {
	if !SIMDPath() {
		t.Skip("no AVX2")
	}
	for _, shape := range Shapes {
		data := Generate(shape, 1000)
		idx, ok := stage1Run(data, nil)
		if !ok {
			t.Fatalf("%s: stage 1 refuses the payload", shape)
		}
		// The offsets are those of a scalar walk over the same blocks.
		if want := refStructurals(data[:len(data)&^63]); !slices.Equal(idx, want) {
			t.Fatalf("%s: %d structural offsets, want %d", shape, len(idx), len(want))
		}
		if !stage2Lower(data, idx, nil) {
			t.Fatalf("%s: stage 2 refuses the payload", shape)
		}
	}
	// Runs of backslashes of every length up to 6 at every offset of a block.
	for pad := range 70 {
		for n := 1; n <= 6; n++ {
			end := "n"
			if n%2 == 1 {
				end = `"`
			}
			doc := `["` + strings.Repeat("a", pad) + strings.Repeat(`\`, n) + end + `",1,"\\"]`
			data := []byte(doc + strings.Repeat(" ", 64))
			idx, ok := stage1Run(data, nil)
			if want := refStructurals(data[:len(data)&^63]); !ok || !slices.Equal(idx, want) {
				t.Fatalf("%s: offsets %v (valid %v), want %v", doc, idx, ok, want)
			}
		}
	}
	for _, bad := range []string{
		`{"a":"` + "\x01" + `"}`, `{"a":"\x"}`, `{"a":"\u12g4"}`, `{"a":` + "\xc3\xa9" + `}`,
	} {
		data := []byte(bad + strings.Repeat(" ", 64))
		if _, ok := stage1Run(data, nil); ok {
			t.Errorf("stage 1 accepts %q", bad)
		}
	}
}

// refStructurals is stage 1's offsets found byte by byte.
func refStructurals(data []byte) []uint32 {
	var idx []uint32
	inStr, esc, inScalar := false, false, false
	for i, c := range data {
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		case c == '"':
			inStr = true
			idx = append(idx, uint32(i))
		case c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',':
			idx = append(idx, uint32(i))
			inScalar = false
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			inScalar = false
			continue
		default:
			if !inScalar {
				idx = append(idx, uint32(i))
			}
		}
		inScalar = true
	}
	return idx
}

// BenchmarkTwoStageLower times stage 1 alone and stage 1 then stage2Lower on
// the field's payloads (MB/s over the whole payload): an upper bound on a
// two-stage scanner's validation alone, to set beside BenchmarkScan.
func BenchmarkTwoStageLower(b *testing.B) {
	for _, shape := range Shapes {
		var idx []uint32
		var stack []byte
		b.Run(string(shape)+"/stage1", func(b *testing.B) {
			benchShape(b, shape, func(data []byte) error {
				var ok bool
				if idx, ok = stage1Run(data, idx); !ok {
					return errInvalid
				}
				return nil
			})
		})
		b.Run(string(shape)+"/both", func(b *testing.B) {
			benchShape(b, shape, func(data []byte) error {
				var ok bool
				if idx, ok = stage1Run(data, idx); !ok || !stage2Lower(data, idx, stack) {
					return errInvalid
				}
				return nil
			})
		})
	}
}
