package fuzz

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/segsync/segsync/parser"
)

// gnode is a generated JSON value. Objects keep their fields in order and may
// repeat a name; a placeholder is a null that a later put may fill.
type gnode struct {
	raw         string // a scalar's JSON text
	placeholder bool
	isArr       bool
	elems       []*gnode
	names       []string
	fields      []*gnode
}

func (g *gnode) isObj() bool { return g.raw == "" && !g.isArr && !g.placeholder }

func (g *gnode) write(b *bytes.Buffer) {
	switch {
	case g.placeholder:
		b.WriteString("null")
	case g.isArr:
		b.WriteByte('[')
		for i, e := range g.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			e.write(b)
		}
		b.WriteByte(']')
	case g.raw != "":
		b.WriteString(g.raw)
	default:
		b.WriteByte('{')
		for i, n := range g.names {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(n)
			b.Write(k)
			b.WriteByte(':')
			g.fields[i].write(b)
		}
		b.WriteByte('}')
	}
}

func scalar(raw string) *gnode { return &gnode{raw: raw} }

func jsonString(s string) *gnode {
	b, _ := json.Marshal(s)
	return scalar(string(b))
}

func newContainer(next string) *gnode {
	if indexToken.MatchString(next) {
		return &gnode{isArr: true}
	}
	return &gnode{}
}

// generator builds random payloads for one spec.
type generator struct {
	r     *rand.Rand
	rs    *refSpec
	dirty bool // some value could not be placed as planned, or a perturbation was made
	bad   float64
}

// put places v at ptr inside *root, creating containers on the way; it marks the
// payload dirty when the place is taken or cannot exist.
func (g *generator) put(root **gnode, ptr string, v *gnode) {
	if v == nil {
		return // an absent value
	}
	toks := refTokens(ptr)
	at := root
	for i, tok := range toks {
		cur := *at
		if cur == nil || cur.placeholder {
			cur = newContainer(tok)
			*at = cur
		}
		last := i == len(toks)-1
		var slot **gnode
		switch {
		case cur.isArr:
			if !indexToken.MatchString(tok) {
				g.dirty = true
				return
			}
			n, err := strconv.Atoi(tok)
			if err != nil || n > 64 {
				g.dirty = true
				return
			}
			for len(cur.elems) <= n {
				cur.elems = append(cur.elems, &gnode{placeholder: true})
			}
			slot = &cur.elems[n]
		case cur.isObj():
			for j, name := range cur.names {
				if name == tok {
					slot = &cur.fields[j]
				}
			}
			if slot == nil {
				cur.names = append(cur.names, tok)
				cur.fields = append(cur.fields, nil)
				slot = &cur.fields[len(cur.fields)-1]
			}
		default:
			g.dirty = true // a scalar on the way
			return
		}
		if last {
			if old := *slot; old != nil && !old.placeholder && !(old.raw != "" && old.raw == v.raw) {
				g.dirty = true
			}
			*slot = v
			return
		}
		at = slot
	}
	// ptr is "": v is the whole payload.
	if *root != nil && !(*root).placeholder {
		g.dirty = true
	}
	*root = v
}

var idPool = []string{`"u1"`, `"u2"`, `"u3"`, `"user-1001"`, `12345678901234567890`, `1.0`, `-0`, `0`, `1e400`, `"caf\u00e9"`, `"a\u0000b"`, `"\ud83d\ude00"`, `"x\"y"`, `"e\u0301"`}

// text returns a valid text value from pool, or with probability bad a
// perturbed one.
func (g *generator) text(pool []string) *gnode {
	if g.r.Float64() < g.bad {
		g.dirty = true
		return g.junk()
	}
	return scalar(pool[g.r.Intn(len(pool))])
}

func (g *generator) junk() *gnode {
	switch g.r.Intn(9) {
	case 0:
		return scalar("null")
	case 1:
		return scalar(`""`)
	case 2:
		return scalar("true")
	case 3:
		return scalar("false")
	case 4:
		return &gnode{}
	case 5:
		return &gnode{isArr: true, elems: []*gnode{scalar("1")}}
	case 6:
		return jsonString(strings.Repeat("long", 8)) // past MaxValueBytes
	case 7:
		return scalar("3.25e-7")
	default:
		return nil // absent
	}
}

// op is one member operation the generator planned.
type op struct {
	id, cohort string
	add        bool
}

// payload generates one payload and, when it is clean, the operations it holds in
// processing order (with the top-level cohort ID in op.cohort when no override).
func (g *generator) payload() ([]byte, []op) {
	rs := g.rs
	var root *gnode
	put := func(ptr *string, v *gnode) {
		if ptr != nil && v != nil {
			g.put(&root, *ptr, v)
		}
	}
	// Values are drawn first and placed after the member arrays, so that a
	// top-level pointer into a member array lands in its elements.
	var tops []func()
	cid := g.text([]string{`"c1"`, `"c2"`, `7`})
	env := g.text([]string{`"env-1"`, `"sdk-3f2a"`, `42`})
	tops = append(tops, func() { put(rs.Env, env) })
	if g.r.Intn(2) == 0 {
		v := g.text([]string{`"user"`, `"account"`})
		tops = append(tops, func() { put(rs.Kind, v) })
	}
	tops = append(tops, func() { put(rs.CohortID, cid) })
	name := g.text([]string{`"Cohort one"`, `"C"`})
	tops = append(tops, func() { put(rs.CohortName, name) })
	if g.r.Intn(2) == 0 {
		v := g.text([]string{`"https://x.example/c"`})
		tops = append(tops, func() { put(rs.CohortURL, v) })
	}
	action := ""
	if rs.ActionPath != nil {
		actions := []string{`"add_members"`, `"remove_members"`, `"upsert_members"`, `true`, `false`, `1`, `2`}
		a := actions[g.r.Intn(len(actions))]
		tops = append(tops, func() { put(rs.ActionPath, scalar(a)) })
		action = strings.Trim(a, `"`)
	}
	var arrays []*string
	if rs.MemberArray != nil {
		arrays = []*string{rs.MemberArray}
	} else {
		arrays = []*string{rs.AddArray, rs.RemoveArray}
	}
	var ops []op
	total := 0
	for ai, ap := range arrays {
		n := g.r.Intn(7)
		if g.r.Intn(20) == 0 {
			n = 14 // past MaxMembers
		}
		if rs.AddArray != nil && g.r.Intn(6) == 0 {
			continue // an absent add or remove array is empty
		}
		total += n
		arr := &gnode{isArr: true}
		var arrOps []op
		for range n {
			var el *gnode
			elRoot := &el
			idv := g.text(idPool)
			g.put(elRoot, *rs.MemberID, idv)
			o := op{id: canonicalText(idv), add: ai == 0}
			if rs.Boolean != nil && rs.ActionPath == nil {
				o.add = g.r.Intn(2) == 0
				b := scalar(strconv.FormatBool(o.add))
				if g.r.Float64() < g.bad {
					g.dirty = true
					b = g.junk()
				}
				if b != nil {
					g.put(elRoot, *rs.Boolean, b)
				}
			}
			if rs.ActionPath != nil {
				o.add = rs.matcher().MatchString(action)
			}
			if rs.MemberCohortID != nil && g.r.Intn(2) == 0 {
				cv := g.text([]string{`"c1"`, `"c3"`, `"c4"`, `7`})
				g.put(elRoot, *rs.MemberCohortID, cv)
				o.cohort = canonicalText(cv)
			}
			if rs.MemberName != nil && g.r.Intn(2) == 0 {
				g.put(elRoot, *rs.MemberName, g.text([]string{`"Three"`, `"Four"`}))
			}
			if el == nil {
				el = scalar("null")
			}
			arr.elems = append(arr.elems, el)
			arrOps = append(arrOps, o)
		}
		if ap == rs.AddArray && rs.AddArray != nil && rs.RemoveArray != nil && *rs.AddArray == *rs.RemoveArray {
			// The same array is read twice: add every member, then remove it.
			if ai == 1 {
				continue
			}
			ops = append(ops, arrOps...)
			for _, o := range arrOps {
				o.add = false
				ops = append(ops, o)
			}
			total += n
		} else {
			ops = append(ops, arrOps...)
		}
		g.put(&root, *ap, arr)
	}
	for _, f := range tops {
		f()
	}
	if total > fuzzLimits.MaxMembers {
		g.dirty = true
	}
	if root == nil {
		root = &gnode{}
	}
	var b bytes.Buffer
	root.write(&b)
	top := canonicalText(cid)
	for i := range ops {
		if ops[i].cohort == "" {
			ops[i].cohort = top
		}
	}
	return b.Bytes(), ops
}

// canonicalText is what a text value becomes in a result: a string's contents or
// a number's literal text.
func canonicalText(v *gnode) string {
	if v == nil || v.raw == "" {
		return ""
	}
	if v.raw[0] == '"' {
		var s string
		if err := json.Unmarshal([]byte(v.raw), &s); err != nil {
			panic(err)
		}
		return s
	}
	return v.raw
}

// checkNothingLost checks a result against the operations the generator put in
// the payload: every member ID appears exactly once in its segment, in add when
// its last operation adds and in remove otherwise, and no ID appears that was
// not in the payload.
func checkNothingLost(t *testing.T, payload []byte, res *parser.Result, ops []op) {
	t.Helper()
	want := map[[2]string]bool{}
	for _, o := range ops {
		want[[2]string{o.cohort, o.id}] = o.add
	}
	seen := map[[2]string]bool{}
	for _, sg := range res.Segments {
		for _, list := range []struct {
			ids []string
			add bool
		}{{sg.Add.Strings(), true}, {sg.Remove.Strings(), false}} {
			for _, id := range list.ids {
				k := [2]string{sg.CohortID, id}
				if seen[k] {
					t.Fatalf("payload %s: member %q appears twice in segment %q:\n%s", payload, id, sg.CohortID, mustJSON(res))
				}
				seen[k] = true
				add, ok := want[k]
				if !ok {
					t.Fatalf("payload %s: member %q in segment %q was not in the payload:\n%s", payload, id, sg.CohortID, mustJSON(res))
				}
				if add != list.add {
					t.Fatalf("payload %s: member %q in segment %q: add=%v, its last operation says %v", payload, id, sg.CohortID, list.add, add)
				}
			}
		}
	}
	for k := range want {
		if !seen[k] {
			t.Fatalf("payload %s: member %q of segment %q was lost:\n%s", payload, k[1], k[0], mustJSON(res))
		}
	}
}

// FuzzGenerated generates a payload for one of the specs from a seed, mostly
// well-formed with some values perturbed, and checks the engine against the
// reference evaluator, and, for clean payloads, that nothing is lost.
func FuzzGenerated(f *testing.F) {
	for i := range 16 {
		f.Add(int64(i), uint8(i), uint8(i*16))
	}
	f.Fuzz(func(t *testing.T, seed int64, which, badness uint8) {
		progs := compiledSpecs(t)
		i := int(which) % len(refSpecs)
		g := &generator{r: rand.New(rand.NewSource(seed)), rs: refSpecs[i], bad: float64(badness) / 512}
		payload, ops := g.payload()
		checkAgainstReference(t, refSpecs[i], progs[i], payload)
		if res, err := progs[i].Parse(payload); err == nil && !g.dirty {
			checkNothingLost(t, payload, res, ops)
		}
	})
}

// TestNothingLost is the property test: for random valid payloads from a seeded
// generator, every member ID in the input appears exactly once in the result, in
// add or remove of the right segment as its last operation says, or the payload
// is rejected whole (and then the reference evaluator rejects it too, with the
// same error).
func TestNothingLost(t *testing.T) {
	progs := compiledSpecs(t)
	n := 400
	if testing.Short() {
		n = 200
	}
	for i, rs := range refSpecs {
		t.Run(rs.Name, func(t *testing.T) {
			r := rand.New(rand.NewSource(int64(i) + 1))
			accepted, members := 0, 0
			for range n {
				g := &generator{r: r, rs: rs}
				payload, ops := g.payload()
				checkAgainstReference(t, rs, progs[i], payload)
				res, err := progs[i].Parse(payload)
				if err != nil || g.dirty {
					continue
				}
				accepted++
				members += len(ops)
				checkNothingLost(t, payload, res, ops)
			}
			t.Logf("%d of %d clean payloads accepted, %d member operations checked", accepted, n, members)
			if rs.Name != "whole payload is every value" && accepted < n/4 {
				t.Errorf("only %d of %d clean payloads accepted: the generator no longer fits the spec", accepted, n)
			}
		})
	}
}
