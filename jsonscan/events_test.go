package jsonscan

var eventCases = []struct{ in string }{}
