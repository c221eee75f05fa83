package jsonscan

// seedInputs returns the inputs of the test tables, to seed FuzzScan.
func seedInputs() []string {
	var s []string
	for _, c := range grammarCases {
		s = append(s, c.in)
	}
	for _, c := range eventCases {
		s = append(s, c.in)
	}
	return append(s,
		`{"env":"e","a":{"b":1,"b":[2]},"a":{"c":3},"batch":[{"id":"u1","v":true,"c":[9]},{"id":2},"x",null],"batch":[{"id":"u2"}],"0":0,"":1}`,
		`[{"id":"a"},"b",3,[1,2],{"id":{"x":1}}]`,
		`{"add":[{"id":"a","sub":["x","y"]},{"sub":1,"sub":[]}],"remove":[{"id":"\ud83d\ude00"}],"x":{"y":{"z":"deep"}}}`,
	)
}
