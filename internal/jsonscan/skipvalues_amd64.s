//go:build goexperiment.simd && amd64

#include "textflag.h"

// func skipValuesAVX2(buf []byte, pos, room int, keyLens uint64, at int, members bool) (end, resume, kind int)
//
// See skipvalues_amd64.go for the contract. Registers:
//
//	SI  the start of buf        BX  len(buf)
//	DI  the offset being read   R8  the number of open containers
//	R9  their kinds, a bit each (1: object), the innermost in bit 0
//	R10 the base of the window: the offset of the 64 bytes of buf whose stop
//	    mask (as stopMask's) is in R14; -128 before the first
//	R13 what a string ends: 0 a value, 1 a nested member name, 2 a name
//	    of the members' object (members true)
//	R12 the opening quote of such a name while it is read, else scratch
//	R14 the window's stop mask
//	AX, CX, DX, R11 scratch
//	Y12 2s, Y13 '!'s, Y14 backslashes (the stop mask's bytes, as stopMask)
//
// The depth room, at most 64, is kept in room's slot.
//
// Every path that meets something it does not settle jumps to fail, which
// returns -1; the caller then scans the value again in Go.
TEXT ·skipValuesAVX2(SB), NOSPLIT, $0-88
	MOVQ	buf_base+0(FP), SI
	MOVQ	buf_len+8(FP), BX
	MOVQ	pos+24(FP), DI
	MOVQ	$-128, R10
	MOVQ	at+48(FP), AX
	MOVQ	AX, resume+72(FP)
	CMPQ	room+32(FP), $64
	JLE	roomset
	MOVQ	$64, room+32(FP)
roomset:
	CMPQ	DI, BX
	JCC	fail            // pos outside buf (unsigned: negative too)
	VPBROADCASTB	stopBytes<>+0(SB), Y12
	VPBROADCASTB	stopBytes<>+1(SB), Y13
	VPBROADCASTB	stopBytes<>+2(SB), Y14
	XORQ	R8, R8
	XORQ	R9, R9
	MOVBLZX	members+56(FP), AX
	TESTL	AX, AX
	JNE	value
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x7b       // '{'
	JEQ	open
	CMPL	AX, $0x5b       // '['
	JEQ	open
	JMP	fail

// open: the container opened by AX ('{' or '[') at DI.
open:
	CMPQ	R8, room+32(FP)
	JGE	fail            // no depth room left (or 64 levels open)
	INCQ	DI
	LEAL	2(AX), DX       // its closing byte
openws:
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), CX
	CMPL	CX, DX
	JEQ	empty
	CMPL	CX, $0x20
	JEQ	openskip
	CMPL	CX, $0x0a
	JEQ	openskip
	CMPL	CX, $0x0d
	JEQ	openskip
	CMPL	CX, $0x09
	JEQ	openskip
	INCQ	R8
	SHLQ	$1, R9
	CMPL	AX, $0x7b
	JNE	value
	ORQ	$1, R9
	JMP	name
openskip:
	INCQ	DI
	JMP	openws
empty:
	INCQ	DI
	JMP	ended

// value: a value at DI or after whitespace.
value:
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x22       // '"'
	JEQ	strvalue
	LEAL	-0x30(AX), CX
	CMPL	CX, $10
	JCS	number
	CMPL	AX, $0x2d       // '-'
	JEQ	minus
	CMPL	AX, $0x7b
	JEQ	open
	CMPL	AX, $0x5b
	JEQ	open
	CMPL	AX, $0x74       // 't'
	JEQ	littrue
	CMPL	AX, $0x66       // 'f'
	JEQ	litfalse
	CMPL	AX, $0x6e       // 'n'
	JEQ	litnull
	CMPL	AX, $0x20
	JEQ	valueskip
	CMPL	AX, $0x0a
	JEQ	valueskip
	CMPL	AX, $0x0d
	JEQ	valueskip
	CMPL	AX, $0x09
	JEQ	valueskip
	JMP	fail
valueskip:
	INCQ	DI
	JMP	value
strvalue:
	INCQ	DI
	XORQ	R13, R13
	JMP	str

littrue:
	LEAQ	4(DI), CX
	CMPQ	CX, BX
	JGT	fail
	MOVL	(SI)(DI*1), AX
	CMPL	AX, $0x65757274 // "true"
	JNE	fail
	MOVQ	CX, DI
	JMP	ended
litnull:
	LEAQ	4(DI), CX
	CMPQ	CX, BX
	JGT	fail
	MOVL	(SI)(DI*1), AX
	CMPL	AX, $0x6c6c756e // "null"
	JNE	fail
	MOVQ	CX, DI
	JMP	ended
litfalse:
	LEAQ	5(DI), CX
	CMPQ	CX, BX
	JGT	fail
	MOVL	(SI)(DI*1), AX
	CMPL	AX, $0x736c6166 // "fals"
	JNE	fail
	MOVBLZX	4(SI)(DI*1), AX
	CMPL	AX, $0x65       // 'e'
	JNE	fail
	MOVQ	CX, DI
	JMP	ended

// A number: '-'?, then 0 or 1-9 and digits, then a fraction, then an exponent.
minus:
	INCQ	DI
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
number:
	CMPL	AX, $0x30       // '0'
	JEQ	zero
	LEAL	-0x31(AX), CX
	CMPL	CX, $9
	JCC	fail
	INCQ	DI
intword:                // the digits eight at a time, as digitsEnd8 reads them
	LEAQ	8(DI), CX
	CMPQ	CX, BX
	JGT	intbytes
	MOVQ	(SI)(DI*1), AX
	MOVQ	$0x3030303030303030, CX
	XORQ	CX, AX
	MOVQ	$0x7676767676767676, CX
	ADDQ	AX, CX
	ORQ	AX, CX
	MOVQ	$0x8080808080808080, R11
	ANDQ	R11, CX         // the top bit of each byte that is not a digit
	JNE	intfound
	ADDQ	$8, DI
	JMP	intword
intfound:
	BSFQ	CX, CX
	SHRQ	$3, CX
	ADDQ	CX, DI
	MOVBLZX	(SI)(DI*1), AX
	JMP	fraction
intbytes:               // the last bytes of buf, one at a time
	CMPQ	DI, BX
	JGE	fail            // a number cut by the end of buf
	MOVBLZX	(SI)(DI*1), AX
	LEAL	-0x30(AX), CX
	CMPL	CX, $10
	JCC	fraction
	INCQ	DI
	JMP	intbytes
zero:
	INCQ	DI
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
fraction:               // AX: the byte at DI, after the integer part
	CMPL	AX, $0x2e       // '.'
	JNE	exponent
	INCQ	DI
	MOVQ	DI, DX
fracword:
	LEAQ	8(DI), CX
	CMPQ	CX, BX
	JGT	fracdigits
	MOVQ	(SI)(DI*1), AX
	MOVQ	$0x3030303030303030, CX
	XORQ	CX, AX
	MOVQ	$0x7676767676767676, CX
	ADDQ	AX, CX
	ORQ	AX, CX
	MOVQ	$0x8080808080808080, R11
	ANDQ	R11, CX
	JNE	fracfound
	ADDQ	$8, DI
	JMP	fracword
fracfound:
	BSFQ	CX, CX
	SHRQ	$3, CX
	ADDQ	CX, DI
	MOVBLZX	(SI)(DI*1), AX
	JMP	fracdone
fracdigits:
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	LEAL	-0x30(AX), CX
	CMPL	CX, $10
	JCC	fracdone
	INCQ	DI
	JMP	fracdigits
fracdone:
	CMPQ	DI, DX
	JEQ	fail            // no digit after '.'
exponent:               // AX: the byte at DI
	ORL	$0x20, AX
	CMPL	AX, $0x65       // 'e' or 'E'
	JNE	ended
	INCQ	DI
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x2b       // '+'
	JEQ	expsign
	CMPL	AX, $0x2d       // '-'
	JNE	expstart
expsign:
	INCQ	DI
expstart:
	MOVQ	DI, DX
expdigits:
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	LEAL	-0x30(AX), CX
	CMPL	CX, $10
	JCC	expdone
	INCQ	DI
	JMP	expdigits
expdone:
	CMPQ	DI, DX
	JEQ	fail            // no digit in the exponent
	JMP	ended

// ended: a value ended just before DI.
ended:
	TESTQ	R8, R8
	JEQ	outer
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x2c       // ','
	JEQ	comma
	MOVL	R9, CX
	ANDL	$1, CX
	SHLL	$5, CX          // 32 for an object
	ADDL	$0x5d, CX       // ']' (0x5d) or '}' (0x7d)
	CMPL	AX, CX
	JEQ	close
	CMPL	AX, $0x20
	JEQ	endedskip
	CMPL	AX, $0x0a
	JEQ	endedskip
	CMPL	AX, $0x0d
	JEQ	endedskip
	CMPL	AX, $0x09
	JEQ	endedskip
	JMP	fail
endedskip:
	INCQ	DI
	JMP	ended
comma:
	INCQ	DI
	TESTQ	$1, R9
	JEQ	value
	JMP	name
close:
	INCQ	DI
	SHRQ	$1, R9
	DECQ	R8
	JMP	ended

// name: a member name at DI or after whitespace.
name:
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x22
	JEQ	namestart
	CMPL	AX, $0x20
	JEQ	nameskip
	CMPL	AX, $0x0a
	JEQ	nameskip
	CMPL	AX, $0x0d
	JEQ	nameskip
	CMPL	AX, $0x09
	JEQ	nameskip
	JMP	fail
nameskip:
	INCQ	DI
	JMP	name
namestart:
	INCQ	DI
	MOVQ	$1, R13
	JMP	str

// colon: a name ended just before DI; its colon is due.
colon:
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x3a       // ':'
	JEQ	colonfound
	CMPL	AX, $0x20
	JEQ	colonskip
	CMPL	AX, $0x0a
	JEQ	colonskip
	CMPL	AX, $0x0d
	JEQ	colonskip
	CMPL	AX, $0x09
	JEQ	colonskip
	JMP	fail
colonskip:
	INCQ	DI
	JMP	colon
colonfound:
	INCQ	DI
	JMP	value

// str: the content of a string goes on at DI, a character's start. Plain
// runs are settled by the window's stop mask, a window loaded where DI
// leaves the last one, while 64 bytes are left; then byte by byte.
str:
	MOVQ	DI, CX
	SUBQ	R10, CX
	CMPQ	CX, $64
	JCC	strload         // DI outside the window
	MOVQ	R14, AX
	SHRQ	CX, AX
	TESTQ	AX, AX
	JEQ	strplain
	BSFQ	AX, AX
	ADDQ	AX, DI
	JMP	special
strplain:
	LEAQ	64(R10), DI     // plain to the window's end
	JMP	str
strload:
	MOVQ	BX, AX
	SUBQ	DI, AX
	CMPQ	AX, $64
	JLT	strtail
	MOVQ	DI, R10
	VMOVDQU	(SI)(DI*1), Y0
	VMOVDQU	32(SI)(DI*1), Y3
	VPXOR	Y0, Y12, Y1
	VPCMPGTB	Y1, Y13, Y1     // '!' > byte^2, signed: quote, control, >= 0x80
	VPCMPEQB	Y0, Y14, Y2     // backslash
	VPOR	Y1, Y2, Y1
	VPMOVMSKB	Y1, AX
	VPXOR	Y3, Y12, Y4
	VPCMPGTB	Y4, Y13, Y4
	VPCMPEQB	Y3, Y14, Y5
	VPOR	Y4, Y5, Y4
	VPMOVMSKB	Y4, R14
	SHLQ	$32, R14
	ORQ	AX, R14
	TESTQ	R14, R14
	JEQ	strplain
	BSFQ	R14, AX
	ADDQ	AX, DI
	JMP	special
strtail:
	CMPQ	DI, BX
	JGE	fail            // the string does not end within buf
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x22
	JEQ	special
	CMPL	AX, $0x5c
	JEQ	special
	LEAL	-0x20(AX), CX
	CMPL	CX, $0x60
	JCC	special         // a control character or a byte of 0x80 and above
	INCQ	DI
	JMP	strtail

// special: the byte at DI is a quote, a backslash, a control character or a
// non-ASCII byte.
special:
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x22
	JEQ	strend
	CMPL	AX, $0x5c
	JEQ	escape
	CMPL	AX, $0xc2
	JCS	fail            // a control character, a continuation byte, C0 or C1
	CMPL	AX, $0xe0
	JCC	utf3
	LEAQ	1(DI), CX
	CMPQ	CX, BX
	JGE	fail
	MOVBLZX	(SI)(CX*1), DX
	ANDL	$0xc0, DX
	CMPL	DX, $0x80
	JNE	fail
	ADDQ	$2, DI
	JMP	str
utf3:
	CMPL	AX, $0xf0
	JCC	utf4
	LEAQ	2(DI), CX
	CMPQ	CX, BX
	JGE	fail
	MOVBLZX	1(SI)(DI*1), DX
	MOVBLZX	2(SI)(DI*1), CX
	ANDL	$0xc0, CX
	CMPL	CX, $0x80
	JNE	fail
	MOVL	DX, CX
	ANDL	$0xc0, CX
	CMPL	CX, $0x80
	JNE	fail
	CMPL	AX, $0xe0
	JNE	utf3ed
	CMPL	DX, $0xa0
	JCS	fail            // E0 80-9F: overlong
utf3ed:
	CMPL	AX, $0xed
	JNE	utf3ok
	CMPL	DX, $0xa0
	JCC	fail            // ED A0-BF: a surrogate
utf3ok:
	ADDQ	$3, DI
	JMP	str
utf4:
	CMPL	AX, $0xf4
	JHI	fail
	LEAQ	3(DI), CX
	CMPQ	CX, BX
	JGE	fail
	MOVBLZX	1(SI)(DI*1), DX
	MOVBLZX	2(SI)(DI*1), CX
	ANDL	$0xc0, CX
	CMPL	CX, $0x80
	JNE	fail
	MOVBLZX	3(SI)(DI*1), CX
	ANDL	$0xc0, CX
	CMPL	CX, $0x80
	JNE	fail
	MOVL	DX, CX
	ANDL	$0xc0, CX
	CMPL	CX, $0x80
	JNE	fail
	CMPL	AX, $0xf0
	JNE	utf4f4
	CMPL	DX, $0x90
	JCS	fail            // F0 80-8F: overlong
utf4f4:
	CMPL	AX, $0xf4
	JNE	utf4ok
	CMPL	DX, $0x90
	JCC	fail            // F4 90-BF: past U+10FFFF
utf4ok:
	ADDQ	$4, DI
	JMP	str

strend:
	INCQ	DI
	CMPQ	R13, $1
	JCS	ended           // a value
	JEQ	colon           // a nested name
	// A name of the members' object: its length says whether Go looks it up.
	MOVQ	DI, CX
	SUBQ	R12, CX
	SUBQ	$2, CX
	CMPQ	CX, $64
	JCC	tname
	MOVQ	keyLens+40(FP), DX
	BTQ	CX, DX
	JCS	tname
	JMP	colon
tname:
	MOVQ	R12, end+64(FP)
	MOVQ	$1, kind+80(FP)
	VZEROUPPER
	RET

// escape: a backslash at DI. One letter, \u and four hex digits that are not
// a surrogate, or a surrogate pair.
escape:
	CMPQ	R13, $2
	JEQ	fail            // an escaped name of the members' object
	LEAQ	1(DI), CX
	CMPQ	CX, BX
	JGE	fail
	MOVBLZX	1(SI)(DI*1), DX
	LEAQ	·escapeLetter(SB), CX
	MOVBLZX	(CX)(DX*1), CX
	TESTL	CX, CX
	JEQ	escapeu
	ADDQ	$2, DI
	JMP	str
escapeu:
	CMPL	DX, $0x75       // 'u'
	JNE	fail
	LEAQ	5(DI), CX
	CMPQ	CX, BX
	JGE	fail
	LEAQ	·hexValue(SB), R11
	MOVBLZX	2(SI)(DI*1), DX
	MOVBLZX	(R11)(DX*1), DX // h0
	MOVBLZX	3(SI)(DI*1), CX
	MOVBLZX	(R11)(CX*1), CX // h1
	MOVBLZX	4(SI)(DI*1), AX
	MOVBLZX	(R11)(AX*1), AX
	MOVBLZX	5(SI)(DI*1), R12
	MOVBLZX	(R11)(R12*1), R12
	ORL	AX, R12
	ORL	DX, R12
	ORL	CX, R12
	CMPL	R12, $16
	JCC	fail            // not four hex digits
	CMPL	DX, $0x0d
	JNE	escape6
	CMPL	CX, $8
	JCS	escape6
	CMPL	CX, $0x0c
	JCC	fail            // a lone low surrogate
	LEAQ	11(DI), AX
	CMPQ	AX, BX
	JGE	fail
	MOVBLZX	6(SI)(DI*1), AX
	CMPL	AX, $0x5c
	JNE	fail
	MOVBLZX	7(SI)(DI*1), AX
	CMPL	AX, $0x75
	JNE	fail
	MOVBLZX	8(SI)(DI*1), AX
	MOVBLZX	(R11)(AX*1), AX
	CMPL	AX, $0x0d
	JNE	fail
	MOVBLZX	9(SI)(DI*1), AX
	MOVBLZX	(R11)(AX*1), AX
	SUBL	$0x0c, AX
	CMPL	AX, $4
	JCC	fail            // not DC-DF
	MOVBLZX	10(SI)(DI*1), AX
	MOVBLZX	(R11)(AX*1), AX
	MOVBLZX	11(SI)(DI*1), R12
	MOVBLZX	(R11)(R12*1), R12
	ORL	AX, R12
	CMPL	R12, $16
	JCC	fail
	ADDQ	$12, DI
	JMP	str
escape6:
	ADDQ	$6, DI
	JMP	str

// outer: a value outside any container ended just before DI.
outer:
	MOVBLZX	members+56(FP), AX
	TESTL	AX, AX
	JEQ	done
tended:                 // a value of the members' object
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x2c
	JEQ	tcomma
	CMPL	AX, $0x7d       // '}'
	JEQ	done
	CMPL	AX, $0x20
	JEQ	tendedskip
	CMPL	AX, $0x0a
	JEQ	tendedskip
	CMPL	AX, $0x0d
	JEQ	tendedskip
	CMPL	AX, $0x09
	JEQ	tendedskip
	JMP	fail
tendedskip:
	INCQ	DI
	JMP	tended
tcomma:
	INCQ	DI
	MOVQ	DI, resume+72(FP)
tcommaws:
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x22
	JEQ	tmember
	CMPL	AX, $0x20
	JEQ	tcommaskip
	CMPL	AX, $0x0a
	JEQ	tcommaskip
	CMPL	AX, $0x0d
	JEQ	tcommaskip
	CMPL	AX, $0x09
	JEQ	tcommaskip
	JMP	fail
tcommaskip:
	INCQ	DI
	JMP	tcommaws

// tmember: a name of the members' object is due at DI.
tmember:
	CMPQ	DI, BX
	JGE	fail
	MOVBLZX	(SI)(DI*1), AX
	CMPL	AX, $0x22
	JNE	fail
	MOVQ	DI, R12
	INCQ	DI
	MOVQ	$2, R13
	JMP	str

done:
	VZEROUPPER
	MOVQ	DI, end+64(FP)
	MOVQ	$0, kind+80(FP)
	RET

fail:
	VZEROUPPER
	MOVQ	$-1, end+64(FP)
	MOVQ	$-1, kind+80(FP)
	RET

// The bytes the stop mask compares with: 2, '!' and a backslash.
DATA	stopBytes<>+0(SB)/1, $0x02
DATA	stopBytes<>+1(SB)/1, $0x21
DATA	stopBytes<>+2(SB)/1, $0x5c
GLOBL	stopBytes<>(SB), RODATA|NOPTR, $4
