package jsonvalue_test

import (
	"errors"
	"fmt"

	"github.com/segsync/segsync/jsonvalue"
)

func ExampleDecode() {
	v, err := jsonvalue.Decode([]byte(`{"id": 12345678901234567890, "tag": "a", "tag": "b"}`), 0)
	if err != nil {
		panic(err)
	}
	obj := v.(*jsonvalue.Object)
	id, _ := obj.Get("id")
	tag, _ := obj.Get("tag")
	fmt.Println(id, tag, obj.Names())

	_, err = jsonvalue.Decode([]byte("[\"\xff\"]"), 0)
	var se *jsonvalue.SyntaxError
	fmt.Println(errors.As(err, &se), se.Offset)
	// Output:
	// 12345678901234567890 b [id tag]
	// true 2
}
