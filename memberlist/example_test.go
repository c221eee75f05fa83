package memberlist_test

import (
	"errors"
	"fmt"

	"github.com/segsync/segsync/memberlist"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

func Example() {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"approval": {
	  "memberListRequest": {"endpoint": {"url": "https://x.example.com/users", "method": "GET"},
	    "parser": {"memberArrayPath": "/result", "memberItems": {"email": "/email", "memberId": "/user_name"}}}
	}}}`))
	prog, err := memberlist.Compile(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	members, _ := prog.Parse([]byte(`{"result": [{"user_name": "ada", "email": "ada@example.com"}, {"user_name": 1007, "email": "grace@example.com"}]}`))
	fmt.Println(members)
	_, err = prog.Parse([]byte(`{"result": [{"user_name": "ada"}]}`))
	var perr *parser.Error
	if errors.As(err, &perr) {
		fmt.Println(perr.Code, perr.Pointer, perr.Field)
	}
	// Output:
	// [{ada@example.com ada} {grace@example.com 1007}]
	// missing /result/0/email memberItems.email
}
